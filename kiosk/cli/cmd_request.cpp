// gongkai request make (and the registration of both request subcommands;
// decode lives in cmd_request_decode.cpp).
#include "cli/cmd_request.h"

#include <chrono>
#include <ctime>
#include <fstream>
#include <memory>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/request_qr.h"
#include "core/escpos.h"
#include "core/print_slip.h"
#include "core/request_json.h"
#include "core/slip.h"
#include "feed/keys.h"

namespace gongkai::cli {

namespace {

Result<std::chrono::system_clock::time_point> parseUtc(const std::string& text) {
    std::tm tm{};
    const char* end = strptime(text.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
    if (!end || *end != '\0' || text.size() != 20)
        return Error{"--now: \"" + text + "\" is not YYYY-MM-DDTHH:MM:SSZ"};
    return std::chrono::system_clock::from_time_t(timegm(&tm));
}

std::string formatUtc(std::chrono::system_clock::time_point t) {
    std::time_t s = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&s, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

Result<DisclosureRequest> readRequestFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error{path + ": cannot open"};
    std::stringstream text;
    text << in.rdbuf();
    nlohmann::json json = nlohmann::json::parse(text.str(), nullptr, false);
    if (json.is_discarded()) return Error{path + ": not valid JSON"};
    auto request = requestFromJson(json);
    if (!request) return Error{path + ": " + request.error().message};
    return request;
}

// The fields an operator must give, as the kiosk's form would.
Status checkFields(const DisclosureRequest& r) {
    const std::pair<const char*, const std::string*> required[] = {{"agency_id", &r.agencyId},
                                                                   {"agency_name", &r.agencyName},
                                                                   {"form", &r.form},
                                                                   {"delivery", &r.delivery}};
    for (const auto& [name, value] : required)
        if (value->empty()) return Error{std::string("missing field \"") + name + "\""};
    if (r.title.empty() && r.docNo.empty() && r.catalogItemId.empty() && r.description.empty())
        return Error{
            "missing field: the information wanted (\"title\", \"doc_no\", \"catalog_item_id\" or "
            "\"description\")"};
    if (r.form != "paper" && r.form != "electronic")
        return Error{"field \"form\": \"" + r.form + "\" is neither \"paper\" nor \"electronic\""};
    if (r.delivery != "counter" && r.delivery != "post" && r.delivery != "email")
        return Error{"field \"delivery\": \"" + r.delivery + "\" is not \"counter\", \"post\" or \"email\""};
    return okStatus();
}

// How many characters (code points) of the description fit.
std::size_t fittingDescriptionChars(DisclosureRequest r, std::size_t total) {
    const std::string full = r.description;
    auto prefix = [&full](std::size_t chars) {
        std::size_t i = 0;
        for (std::size_t n = 0; n < chars && i < full.size(); ++n) do
                ++i;
            while (i < full.size() && (static_cast<unsigned char>(full[i]) & 0xC0) == 0x80);
        return full.substr(0, i);
    };
    std::size_t lo = 0, hi = total;
    while (lo < hi) {
        std::size_t mid = (lo + hi + 1) / 2;
        r.description = prefix(mid);
        if (fitsInQr(r))
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

std::size_t codePoints(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

Status checkSize(const DisclosureRequest& r) {
    if (fitsInQr(r)) return okStatus();
    const std::size_t limit = kQrMaxChars - kQrSafetyChars, length = slipTextLength(r);
    const std::string over = "the slip would be " + std::to_string(length) + " characters, " +
                             std::to_string(length - limit) + " over the " + std::to_string(limit) +
                             " that fit a version 20-Q QR code";
    DisclosureRequest bare = r;
    bare.description.clear();
    if (r.description.empty() || !fitsInQr(bare))
        return Error{"the request's text fields are too long for the QR code: " + over};
    std::size_t total = codePoints(r.description), fit = fittingDescriptionChars(r, total);
    return Error{"field \"description\" is too long for the QR code by " + std::to_string(total - fit) +
                 " characters (" + std::to_string(total) + " given, " + std::to_string(fit) +
                 " fit): " + over};
}

Result<DisclosureRequest> completeRequest(const RequestMakeOptions& o) {
    auto request = readRequestFile(o.jsonPath);
    if (!request) return request.error();
    DisclosureRequest r = request.value();
    if (!r.kioskId.empty() && r.kioskId != o.kioskId)
        return Error{o.jsonPath + ": field \"kiosk_id\" is \"" + r.kioskId + "\" but --kiosk-id is \"" +
                     o.kioskId + "\""};
    r.kioskId = o.kioskId;
    auto now = o.now.empty() ? Result<std::chrono::system_clock::time_point>(std::chrono::system_clock::now())
                             : parseUtc(o.now);
    if (!now) return now.error();
    if (r.id.empty()) r.id = makeRequestId(now.value());
    if (r.createdAt.empty()) r.createdAt = formatUtc(now.value());
    if (auto s = checkFields(r); !s) return Error{o.jsonPath + ": " + s.error().message};
    if (auto s = checkSize(r); !s) return Error{o.jsonPath + ": " + s.error().message};
    return r;
}

// `--escpos OUT.bin --width 58|80 [--print-png OUT.png] [--county NAME]`:
// the slip as the kiosk's thermal printer gets it (core/print_slip.h).
struct SlipPrintRequest {
    std::string escposPath, pngPath, county, fontPath = kDefaultPrintFont;
    int widthMm = 58;
    bool wanted() const { return !escposPath.empty() || !pngPath.empty(); }
};

Status writeBytes(const std::string& path, const std::vector<std::uint8_t>& bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
    if (!out) return Error{path + ": cannot write"};
    return okStatus();
}

GreyImage greyOf(const Bitmap& bitmap) {
    GreyImage image{bitmap.width, bitmap.height, {}};
    image.pixels.reserve(bitmap.dots.size());
    for (std::uint8_t d : bitmap.dots) image.pixels.push_back(d ? 0 : 255);
    return image;
}

Status printSlip(const SlipPrintRequest& p, const DisclosureRequest& request, const std::string& slip) {
    auto dots = paperDots(p.widthMm);
    if (!dots) return dots.error();
    SlipPrintOptions options;
    options.county = p.county;
    options.paperDots = dots.value();
    options.fontPath = p.fontPath;
    auto printed = renderRequestSlip(request, slip, options);
    if (!printed) return printed.error();
    if (!p.escposPath.empty()) {
        auto job = encodeEscPos(printed->bitmap);
        if (!job) return job.error();
        if (auto s = writeBytes(p.escposPath, job.value()); !s) return s;
    }
    if (!p.pngPath.empty())
        if (auto s = writeGreyPng(p.pngPath, greyOf(printed->bitmap)); !s) return s;
    std::fprintf(stderr, "printed slip: %d mm paper, %d x %d dots, %.1f mm long, QR %d dots a module\n",
                 p.widthMm, printed->bitmap.width, printed->bitmap.height, printed->lengthMm(),
                 printed->qrModuleDots);
    return okStatus();
}

int runMake(const RequestMakeOptions& o, const SlipPrintRequest& print) {
    auto fail = [](const std::string& message) {
        std::fprintf(stderr, "gongkai request make: %s\n", message.c_str());
        return 1;
    };
    auto key = feed::readSecretKey(o.keyPath);
    if (!key) return fail(key.error().message);
    auto request = completeRequest(o);
    if (!request) return fail(request.error().message);
    SlipSecretKey secret{};
    std::copy(key->bytes.begin(), key->bytes.end(), secret.begin());
    auto slip = encodeSlip(request.value(), secret);
    if (!slip) return fail(slip.error().message);
    auto qr = renderSlipQr(slip.value(), o.scale);
    if (!qr) return fail(qr.error().message);
    if (!o.pngPath.empty())
        if (auto s = writeGreyPng(o.pngPath, qr->image); !s) return fail(s.error().message);
    if (print.wanted())
        if (auto s = printSlip(print, request.value(), slip.value()); !s) return fail(s.error().message);
    std::printf("%s\n", slip.value().c_str());
    std::fprintf(stderr, "request %s: %zu characters, QR version %d-Q (%d modules)%s%s\n",
                 request->id.c_str(), slip.value().size(), qr->version, qr->modules,
                 o.pngPath.empty() ? "" : ", written to ", o.pngPath.c_str());
    return 0;
}

}  // namespace

int runRequestMake(const RequestMakeOptions& o) { return runMake(o, SlipPrintRequest{}); }

void addRequestCommand(CLI::App& app, int& exitCode) {
    auto* cmd = app.add_subcommand("request",
                                   "Disclosure request slips: make one (operators, tests) or decode "
                                   "scanned ones (counter staff)");
    cmd->require_subcommand(1);

    auto make = std::make_shared<RequestMakeOptions>();
    auto* m =
        cmd->add_subcommand("make", "Sign a request as a kiosk would; print its GK1 slip text (and QR PNG)");
    m->add_option("--key", make->keyPath, "the kiosk's secret key file")->required();
    m->add_option("--kiosk-id", make->kioskId, "the kiosk's registered id")->required();
    m->add_option("--json", make->jsonPath,
                  "the request's fields (agency_id, agency_name, title, doc_no, "
                  "catalog_item_id, description, form, delivery)")
        ->required();
    m->add_option("--png", make->pngPath, "also write the QR code (level Q, alphanumeric) as a PNG");
    m->add_option("--scale", make->scale, "PNG pixels per QR module (default 8)")->check(CLI::Range(1, 64));
    m->add_option("--now", make->now, "the time to stamp, YYYY-MM-DDTHH:MM:SSZ (default: now)");
    auto print = std::make_shared<SlipPrintRequest>();
    m->add_option("--escpos", print->escposPath,
                  "also write the slip as an ESC/POS print job (GS v 0 raster, cut) for a thermal printer");
    m->add_option("--width", print->widthMm, "paper width in mm for --escpos/--print-png: 58 or 80 (default 58)")
        ->check(CLI::IsMember({58, 80}));
    m->add_option("--print-png", print->pngPath, "also write the printed slip as a 1-bit PNG");
    m->add_option("--county", print->county, "the county's name, printed at the top of the slip");
    m->add_option("--font", print->fontPath, "the font collection for the printed slip (face 2: Noto Sans CJK SC)");
    m->callback([make, print, &exitCode] { exitCode = runMake(*make, *print); });

    auto decode = std::make_shared<RequestDecodeOptions>();
    auto* d = cmd->add_subcommand("decode",
                                  "Read scanned slips from stdin, one per line; show each request and "
                                  "whether its kiosk signature is good");
    d->add_option("--db", decode->db,
                  std::string("mirror whose kiosk records hold the keys (default ") + kDefaultDb +
                      " unless --trust is given)");
    d->add_option("--trust", decode->trust,
                  "a kiosk's public key file, as ID=PATH or PATH (id: the file name "
                  "without .pub); repeatable");
    d->add_flag("--json", decode->json, "one JSON object per scanned line instead of text");
    d->add_flag("--english", decode->english, "text in English");
    d->add_option("--submit", decode->submitUrl, "post every verified slip to this portal (idempotent)");
    d->add_option("--key", decode->deskKeyPath, "the desk's secret key: signs the posts (Gongkai-Signature)");
    d->add_option("--seen", decode->seenPath, "file of request ids already scanned (read, then appended to)");
    d->callback([decode, &exitCode] { exitCode = runRequestDecode(*decode, stdin, stdout, stderr); });
}

}  // namespace gongkai::cli
