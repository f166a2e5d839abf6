// `gongkai request decode --submit` against the test portal on 127.0.0.1:
// the kiosk's own upload plus two scans of the same slip make one request.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <sstream>

#include "core/request_json.h"
#include "net/portal_client.h"
#include "request/request_fixture.h"
#include "sync/test_portal.h"

using namespace gongkai;
using namespace gongkai::test;

namespace {

feed::PublicKey publicKeyOf(const TestKiosk& k) {
    feed::PublicKey p;
    std::copy(k.publicKey.begin(), k.publicKey.end(), p.bytes.begin());
    return p;
}

std::vector<nlohmann::json> jsonLines(const std::string& out) {
    std::vector<nlohmann::json> lines;
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
    return lines;
}

}  // namespace

TEST_CASE(
    "request submit: the kiosk's upload and two counter scans of one slip make one request at the portal",
    "[request][cli][portal]") {
    TempDir dir;
    TestKiosk kiosk = makeTestKiosk(dir, "kiosk-a");
    TestKiosk desk = makeTestKiosk(dir, "desk-1");
    TestPortal portal;
    portal.addKiosk(kiosk.id, publicKeyOf(kiosk));
    portal.addKiosk(desk.id, publicKeyOf(desk));
    DisclosureRequest r = typicalRequest(kiosk.id);
    auto slip = encodeSlip(r, kiosk.secret);
    REQUIRE(slip);

    // The kiosk's own upload (as gongkai-sync posts its outbox).
    sync::PortalPost post;
    post.portalUrl = portal.url();
    post.body = uploadBody(r, slip.value(), UploadChannel::Kiosk);
    post.idempotencyKey = r.id;
    auto kioskReply = sync::postRequest(post);
    REQUIRE(kioskReply.kind == sync::PortalReply::Kind::Created);

    auto res = runGongkai(dir,
                          {"request", "decode", "--trust", kiosk.pubPath, "--json", "--submit", portal.url(),
                           "--key", desk.keyPath},
                          slip.value() + "\r\n" + slip.value() + "\r\n");
    INFO(res.out << res.err);
    CHECK(res.exit.code == 0);
    auto out = jsonLines(res.out);
    REQUIRE(out.size() == 2);
    CHECK(out[0]["submitted"] == "already_there");
    CHECK(out[1]["submitted"] == "already_there");
    CHECK(out[1]["duplicate"] == true);
    CHECK(out[0]["portal_id"] == kioskReply.portalId);
    CHECK(portal.requestCount() == 1);
    CHECK(portal.postCount() == 3);
    auto held = portal.request(r.id);
    REQUIRE(held);
    CHECK(held->posts == 3);
    CHECK(held->channels == std::set<std::string>{"kiosk", "counter"});
}

TEST_CASE("request submit: a refusal fails the run, a tampered slip is never posted",
          "[request][cli][portal]") {
    TempDir dir;
    TestKiosk kiosk = makeTestKiosk(dir, "kiosk-a");
    TestKiosk other = makeTestKiosk(dir, "kiosk-b");
    TestPortal portal;
    portal.addKiosk(kiosk.id, publicKeyOf(kiosk));
    DisclosureRequest r = typicalRequest(kiosk.id);
    auto good = encodeSlip(r, kiosk.secret);
    auto forged = encodeSlip(r, other.secret);
    REQUIRE(good);
    REQUIRE(forged);
    portal.refuseNext(1, 422, "no such agency");
    auto res = runGongkai(dir, {"request", "decode", "--trust", kiosk.pubPath, "--submit", portal.url()},
                          forged.value() + "\n" + good.value() + "\n" + good.value() + "\n");
    INFO(res.out << res.err);
    CHECK(res.exit.code == 1);
    CHECK(res.out.find("门户拒收") != std::string::npos);
    CHECK(res.out.find("no such agency") != std::string::npos);
    CHECK(res.out.find("已在门户登记") != std::string::npos);
    CHECK(portal.postCount() == 2);  // the forged slip was not posted
    CHECK(portal.requestCount() == 1);
}

TEST_CASE("request submit: an unreachable portal fails the run and says to scan again",
          "[request][cli][portal]") {
    TempDir dir;
    TestKiosk kiosk = makeTestKiosk(dir, "kiosk-a");
    auto slip = encodeSlip(typicalRequest(kiosk.id), kiosk.secret);
    REQUIRE(slip);
    // Port 1 on 127.0.0.1: nothing listens, the connection is refused at once.
    auto res =
        runGongkai(dir, {"request", "decode", "--trust", kiosk.pubPath, "--submit", "http://127.0.0.1:1"},
                   slip.value() + "\n");
    INFO(res.out << res.err);
    CHECK(res.exit.code == 1);
    CHECK(res.out.find("已核验") != std::string::npos);
    CHECK(res.out.find("未能提交") != std::string::npos);
}
