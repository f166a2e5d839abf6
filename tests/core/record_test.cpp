#include <catch2/catch.hpp>

#include "core/record.h"

using namespace gongkai;

TEST_CASE("records: an upsert parses with its fields and a canonical line", "[records]") {
    auto r = parseRecordLine(R"({"type":"document","op":"upsert","id":"x1","title":"关于做好工作的通知", "b":1,"a":{"z":1,"y":"二"}})");
    REQUIRE(r);
    CHECK(r.value().type == "document");
    CHECK(r.value().id == "x1");
    CHECK(r.value().op == Op::Upsert);
    // Keys sorted bytewise, no whitespace, UTF-8 kept as is.
    CHECK(r.value().canonical ==
          R"({"a":{"y":"二","z":1},"b":1,"id":"x1","op":"upsert","title":"关于做好工作的通知","type":"document"})");
}

TEST_CASE("records: the canonical line does not depend on key order or spacing", "[records]") {
    auto a = parseRecordLine(R"({"type":"agency","op":"upsert","id":"a","name":"县民政局","kind":"department"})");
    auto b = parseRecordLine(R"({ "kind" : "department", "name":"县民政局","id":"a","op":"upsert","type":"agency" })");
    REQUIRE(a);
    REQUIRE(b);
    CHECK(a.value().canonical == b.value().canonical);
}

TEST_CASE("records: a delete needs only type, op and id", "[records]") {
    auto r = parseRecordLine(R"({"type":"document","op":"delete","id":"sf-2019-0456"})");
    REQUIRE(r);
    CHECK(r.value().op == Op::Delete);
}

TEST_CASE("records: unknown types and unknown fields are accepted", "[records]") {
    CHECK(parseRecordLine(R"({"type":"weather","op":"upsert","id":"w","anything":[1,{"x":null}]})"));
    CHECK(parseRecordLine(R"({"type":"document","op":"upsert","id":"d","title":"t","new_field":{"a":1}})"));
}

TEST_CASE("records: bad lines are rejected with a message naming the problem", "[records]") {
    using Row = std::tuple<std::string, std::string>;
    auto [line, expected] = GENERATE(table<std::string, std::string>({
        Row{R"({"type":"document","op":"upsert","id":"x"})", "missing required field \"title\""},
        Row{R"({"type":"document","op":"upsert","id":"x","title":5})", "field \"title\" must be a string"},
        Row{R"({"type":"document","op":"upsert","id":"x","title":""})", "field \"title\" must not be empty"},
        Row{R"({"type":"document","op":"upsert","id":"x","title":"t","published_on":"2020-02-30"})", "field \"published_on\" must be a date"},
        Row{R"({"type":"document","op":"upsert","id":"x","title":"t","body":[{"p":3}]})", "field \"body[0].p\" must be a string"},
        Row{R"({"type":"document","op":"upsert","id":"x","title":"t","body":[{"table":[["a",1]]}]})", "body[0].table[0][1]"},
        Row{R"({"type":"document","op":"upsert","id":"x","title":"t","body":[{"img":"nothex"}]})", "body[0].img"},
        Row{R"({"type":"document","op":"upsert","id":"x","title":"t","interprets":"a"})", "field \"interprets\" must be a list of strings"},
        Row{R"({"type":"document","op":"upsert","id":"x","title":"t","attachments":[{"name":"a.pdf"}]})", "attachments[0].sha256"},
        Row{R"({"type":"domain","op":"upsert","id":"d","seq":27,"name":"扶贫"})", "field \"seq\" must be 1..26"},
        Row{R"({"type":"domain","op":"upsert","id":"d","seq":"3","name":"扶贫"})", "field \"seq\" must be an integer"},
        Row{R"({"type":"agency","op":"upsert","id":"a","name":"x","accepts_requests":"yes"})", "field \"accepts_requests\" must be true or false"},
        Row{R"({"type":"catalog_item","op":"upsert","id":"c","level1":"x"})", "missing required field \"domain\""},
        Row{R"({"type":"kiosk","op":"upsert","id":"k","site":"大厅"})", "missing required field \"pubkey\""},
        Row{R"({"type":"document","op":"replace","id":"x","title":"t"})", "unknown op \"replace\""},
        Row{R"({"op":"upsert","id":"x"})", "missing required field \"type\""},
        Row{R"({"type":"document","op":"upsert","title":"t"})", "missing required field \"id\""},
        Row{R"({"type":"document","op":"upsert","id":"","title":"t"})", "field \"id\" must not be empty"},
        Row{R"({"type":"document","op":"upsert","id":7,"title":"t"})", "field \"id\" must be a string"},
        Row{"{\"type\":\"document\",\"op\":\"upsert\",\"id\":\"" + std::string(201, 'a') + "\",\"title\":\"t\"}", "longer than 200 bytes"},
        Row{R"([1,2,3])", "not a JSON object"},
        Row{R"({"type":"document","op":"upsert","id":"x","title":"t",})", "invalid JSON"},
        Row{R"(hello)", "invalid JSON"},
        Row{R"({"type":"document","op":"upsert","id":"x","title":"a\u0000b"})", "NUL character"},
        Row{R"({"type":"document","op":"upsert","id":"x","title":"a\ud800b"})", "unpaired UTF-16 surrogate"},
        Row{R"({"type":"document","op":"upsert","id":"x","title":"a\udc00"})", "unpaired UTF-16 surrogate"},
        Row{"{\"type\":\"document\",\"op\":\"upsert\",\"id\":\"x\",\"title\":\"\xff\xfe\"}", "not valid UTF-8"},
        Row{std::string("{\"type\":\"document\",\"op\":\"upsert\",\"id\":\"x\",\"title\":\"a") + '\0' + "\"}", "NUL byte"},
        Row{std::string(10000, '[') + std::string(10000, ']'), "nested deeper than 64"},
    }));
    auto r = parseRecordLine(line);
    INFO(line.substr(0, 120));
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message, Catch::Contains(expected));
}

TEST_CASE("records: characters outside the BMP and nesting up to 64 are kept", "[records]") {
    auto r = parseRecordLine(R"({"type":"document","op":"upsert","id":"x","title":"𠀀字","x":)" +
                             std::string(62, '[') + std::string(62, ']') + "}");
    REQUIRE(r);
    CHECK(r.value().canonical.find("𠀀字") != std::string::npos);
}
