// gongkai request decode: the counter's scanner reader.
// [1] the seen-ids file  [2] posting to the portal  [3] one scanned line
// [4] reading the scanner  [5] the command
#include <cctype>
#include <cerrno>
#include <cstring>
#include <set>

#include <unistd.h>
#include <nlohmann/json.hpp>

#include "cli/cmd_request.h"
#include "cli/commands.h"
#include "core/kiosk_keys.h"
#include "core/request_json.h"
#include "core/request_text.h"
#include "core/slip.h"
#include "feed/keys.h"
#include "net/portal_client.h"

namespace gongkai::cli {

namespace {

// [1] Request ids the desk has seen, across restarts: one id a line,
// appended (and synced) as each verified slip is first seen.
class SeenIds {
public:
    Status open(const std::string& path) {
        m_path = path;
        if (path.empty()) return okStatus();
        if (std::FILE* f = std::fopen(path.c_str(), "r")) {
            char buf[256];
            while (std::fgets(buf, sizeof buf, f)) {
                std::string id(buf);
                while (!id.empty() && std::isspace(static_cast<unsigned char>(id.back()))) id.pop_back();
                if (!id.empty() && id[0] != '#') m_ids.insert(id);
            }
            std::fclose(f);
        }
        m_file = std::fopen(path.c_str(), "a");
        if (!m_file) return Error{path + ": cannot open for appending: " + std::strerror(errno)};
        return okStatus();
    }
    ~SeenIds() {
        if (m_file) std::fclose(m_file);
    }
    bool contains(const std::string& id) const { return m_ids.count(id) > 0; }
    Status remember(const std::string& id) {
        if (!m_ids.insert(id).second || !m_file) return okStatus();
        bool ok = std::fprintf(m_file, "%s\n", id.c_str()) > 0 && std::fflush(m_file) == 0 &&
                  ::fsync(fileno(m_file)) == 0;
        if (!ok) return Error{m_path + ": cannot append: " + std::strerror(errno)};
        return okStatus();
    }

private:
    std::string m_path;
    std::FILE* m_file = nullptr;
    std::set<std::string> m_ids;
};

// [2]
struct Submitter {
    std::string url;
    std::optional<feed::SecretKey> key;

    sync::PortalReply submit(const DisclosureRequest& request, const std::string& slipText) const {
        sync::PortalPost post;
        post.portalUrl = url;
        post.body = uploadBody(request, slipText, UploadChannel::Counter);
        post.idempotencyKey = request.id;
        if (key) post.signatureHeader = key->publicKey().id() + ":" + feed::signDetached(*key, post.body);
        return sync::postRequest(post);
    }
};

const char* replyName(sync::PortalReply::Kind kind) {
    switch (kind) {
        case sync::PortalReply::Kind::Created:
            return "created";
        case sync::PortalReply::Kind::AlreadyThere:
            return "already_there";
        case sync::PortalReply::Kind::Refused:
            return "refused";
        case sync::PortalReply::Kind::Retry:
            break;
    }
    return "retry";
}

std::string replyText(const sync::PortalReply& r, bool english) {
    using K = sync::PortalReply::Kind;
    switch (r.kind) {
        case K::Created:
            return (english ? "registered at the portal, id " : "已在门户登记，门户编号 ") + r.portalId;
        case K::AlreadyThere:
            return (english ? "already registered at the portal, id " : "门户已有此申请，门户编号 ") +
                   r.portalId;
        case K::Refused:
            return (english ? "REFUSED by the portal: " : "！！！ 门户拒收：") + r.message;
        case K::Retry:
            break;
    }
    return (english ? "NOT SUBMITTED, the portal did not answer (scan again later): "
                    : "！！！ 未能提交，门户无应答（请稍后重新扫描）：") +
           r.message;
}

const char* verificationKey(SlipVerification v) {
    switch (v) {
        case SlipVerification::Verified:
            return "verified";
        case SlipVerification::UnknownKiosk:
            return "unknown_kiosk";
        case SlipVerification::BadSignature:
            break;
    }
    return "bad_signature";
}

// [3]
class DecodeRun {
public:
    DecodeRun(const RequestDecodeOptions& o, SlipKeyLookup lookup, SeenIds& seen, const Submitter* submitter,
              std::FILE* out, std::FILE* err)
        : m_o(o), m_lookup(std::move(lookup)), m_seen(seen), m_submitter(submitter), m_out(out), m_err(err) {}

    void handle(std::size_t lineNo, std::string line) {
        for (char& c : line) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        auto slip = decodeSlip(line, m_lookup);
        if (!slip) return reportBad(lineNo, slip.error().message);
        const DecodedSlip& d = slip.value();
        const bool verified = d.verification == SlipVerification::Verified;
        const bool duplicate = m_seen.contains(d.request.id);
        if (!verified) m_failed = true;
        std::optional<sync::PortalReply> reply;
        if (verified && m_submitter) {
            reply = m_submitter->submit(d.request, line);
            using K = sync::PortalReply::Kind;
            if (reply->kind == K::Refused || reply->kind == K::Retry) m_failed = true;
        }
        if (verified)
            if (auto s = m_seen.remember(d.request.id); !s) {
                std::fprintf(m_err, "gongkai request decode: %s\n", s.error().message.c_str());
                m_failed = true;
            }
        m_o.json ? printJson(lineNo, d, duplicate, reply) : printText(lineNo, d, duplicate, reply);
        std::fflush(m_out);
    }
    bool failed() const { return m_failed; }

private:
    void reportBad(std::size_t lineNo, const std::string& why) {
        m_failed = true;
        std::fprintf(m_err,
                     m_o.english ? "!!! line %zu: not a readable request slip: %s\n"
                                 : "！！！ 第 %zu 行：无法读取的申请单（not a readable slip）：%s\n",
                     lineNo, why.c_str());
        std::fflush(m_err);
        if (m_o.json) {
            nlohmann::ordered_json j{{"line", lineNo}, {"error", why}};
            std::fprintf(m_out, "%s\n",
                         j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
            std::fflush(m_out);
        }
    }
    void printText(std::size_t lineNo, const DecodedSlip& d, bool duplicate,
                   const std::optional<sync::PortalReply>& reply) {
        auto lang = m_o.english ? TextLanguage::English : TextLanguage::Chinese;
        std::string text = (m_o.english ? "-- line " : "──── 第 ") + std::to_string(lineNo) +
                           (m_o.english ? " --\n" : " 行 ────\n");
        text += renderRequestText(describeRequest(d, duplicate, lang));
        if (reply) text += replyText(*reply, m_o.english) + "\n";
        std::fprintf(m_out, "%s\n", text.c_str());
    }
    void printJson(std::size_t lineNo, const DecodedSlip& d, bool duplicate,
                   const std::optional<sync::PortalReply>& reply) {
        nlohmann::ordered_json j = requestToJson(d.request);
        j["verification"] = verificationKey(d.verification);
        j["duplicate"] = duplicate;
        j["line"] = lineNo;
        if (reply) {
            j["submitted"] = replyName(reply->kind);
            j["portal_id"] = reply->portalId;
            j["portal_message"] = reply->message;
        }
        std::fprintf(m_out, "%s\n", j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    }

    const RequestDecodeOptions& m_o;
    SlipKeyLookup m_lookup;
    SeenIds& m_seen;
    const Submitter* m_submitter;
    std::FILE* m_out;
    std::FILE* m_err;
    bool m_failed = false;
};

// [4] Lines end at "\n", "\r" or "\r\n"; each is handled when its end
// arrives (a CR-only scanner's line must not wait for the next scan).
template <class Handle>
void readLines(std::FILE* in, Handle handle) {
    std::string line;
    std::size_t lineNo = 0;
    bool afterCr = false;
    for (int c; (c = std::getc(in)) != EOF;) {
        if (c == '\n' && afterCr) {  // the second half of "\r\n"
            afterCr = false;
            continue;
        }
        afterCr = c == '\r';
        if (c == '\n' || c == '\r') {
            ++lineNo;
            if (!line.empty()) handle(lineNo, std::move(line));
            line.clear();
            continue;
        }
        line += static_cast<char>(c);
    }
    if (!line.empty()) handle(lineNo + 1, std::move(line));
}

Result<KioskKeyring> loadKeys(const RequestDecodeOptions& o, std::FILE* err) {
    KioskKeyring keys;
    std::string db = o.db.empty() && o.trust.empty() ? std::string(kDefaultDb) : o.db;
    if (!db.empty())
        if (auto n = keys.addFromMirror(db); !n) return n.error();
    for (const auto& spec : o.trust)
        if (auto s = keys.addTrustedFile(spec); !s) return s.error();
    for (const auto& w : keys.warnings())
        std::fprintf(err, "gongkai request decode: warning: %s\n", w.c_str());
    if (keys.size() == 0)
        std::fprintf(err,
                     "gongkai request decode: warning: no kiosk keys (no kiosk records, no --trust): "
                     "every slip will show as an unregistered kiosk\n");
    return keys;
}

}  // namespace

// [5]
int runRequestDecode(const RequestDecodeOptions& o, std::FILE* in, std::FILE* out, std::FILE* err) {
    auto fail = [err](const std::string& message) {
        std::fprintf(err, "gongkai request decode: %s\n", message.c_str());
        return 1;
    };
    auto keys = loadKeys(o, err);
    if (!keys) return fail(keys.error().message);
    if (!o.deskKeyPath.empty() && o.submitUrl.empty())
        return fail("--key signs portal posts: give --submit URL");
    Submitter submitter{o.submitUrl, std::nullopt};
    if (!o.deskKeyPath.empty()) {
        auto key = feed::readSecretKey(o.deskKeyPath);
        if (!key) return fail(key.error().message);
        submitter.key = key.value();
    }
    SeenIds seen;
    if (auto s = seen.open(o.seenPath); !s) return fail(s.error().message);
    DecodeRun run(o, keys->lookup(), seen, o.submitUrl.empty() ? nullptr : &submitter, out, err);
    readLines(in, [&run](std::size_t lineNo, std::string line) { run.handle(lineNo, std::move(line)); });
    return run.failed() ? 1 : 0;
}

}  // namespace gongkai::cli
