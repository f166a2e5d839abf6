#include "ui/print_worker.h"

#include <chrono>
#include <filesystem>
#include <utility>

#include "core/bitmap_png.h"
#include "core/print_guide.h"
#include "core/print_slip.h"

namespace gongkai::ui {

namespace {

// The page as a bitmap, or why it could not be made.
Result<Bitmap> renderPage(PrintFont& font, const PrintJob& job, int paperDots) {
    if (job.kind == PrintJob::Kind::Slip) {
        SlipPrintOptions o;
        o.county = job.county;
        o.paperDots = paperDots;
        auto slip = renderRequestSlip(font, job.request, job.slipText, o);
        if (!slip) return slip.error();
        return std::move(slip->bitmap);
    }
    PagePrintOptions o;
    o.county = job.county;
    o.paperDots = paperDots;
    auto page = renderGuideChecklist(font, job.guide, o);
    if (!page) return page.error();
    return std::move(page->bitmap);
}

// <dir>/<UTC time>-slip-<request id>.png or ...-guide-<guide id>.png.
std::string spoolPath(const std::string& dir, const PrintJob& job, std::uint64_t id) {
    auto now = std::chrono::system_clock::now().time_since_epoch();
    std::string name = std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(now).count()) + "-" +
                       std::to_string(id) +
                       (job.kind == PrintJob::Kind::Slip ? "-slip-" + job.request.id : "-guide-" + job.guide.id);
    for (char& c : name)
        if (c == '/' || c == '\\') c = '_';
    return (std::filesystem::path(dir) / (name + ".png")).string();
}

}  // namespace

PrintWorker::PrintWorker(PrinterConfig config, std::string fontPath, int fontFace, std::function<void()> wake)
    : m_config(std::move(config)), m_fontPath(std::move(fontPath)), m_fontFace(fontFace), m_wake(std::move(wake)),
      m_thread([this] { run(); }) {}

PrintWorker::~PrintWorker() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_cv.notify_all();
    m_thread.join();
}

std::uint64_t PrintWorker::submit(PrintJob job) {
    std::uint64_t id;
    {
        std::lock_guard lock(m_mutex);
        if (m_job || m_working) return 0;
        id = m_nextId++;
        m_job.emplace(id, std::move(job));
        m_result.reset();
    }
    m_cv.notify_all();
    return id;
}

std::optional<PrintResult> PrintWorker::take() {
    std::lock_guard lock(m_mutex);
    std::optional<PrintResult> out = std::move(m_result);
    m_result.reset();
    return out;
}

bool PrintWorker::busy() const {
    std::lock_guard lock(m_mutex);
    return m_job.has_value() || m_working;
}

void PrintWorker::run() {
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_cv.wait(lock, [this] { return m_stop || m_job.has_value(); });
        if (m_stop) return;
        auto [id, job] = std::move(*m_job);
        m_job.reset();
        m_working = true;
        lock.unlock();
        PrintResult result = carryOut(id, job);
        lock.lock();
        m_working = false;
        m_result = std::move(result);
        if (m_wake) m_wake();
    }
}

PrintResult PrintWorker::carryOut(std::uint64_t id, const PrintJob& job) {
    PrintResult r;
    r.id = id;
    auto start = std::chrono::steady_clock::now();
    auto font = PrintFont::open(m_fontPath, m_fontFace);  // per job: a few ms, and a font file fixed meanwhile is used
    auto dots = paperDots(m_config.settings.paperMm);
    Result<Bitmap> page = !font ? Result<Bitmap>(font.error())
                        : !dots ? Result<Bitmap>(dots.error())
                                : renderPage(font.value(), job, dots.value());
    if (!page) return r.renderError = page.error().message, r;
    auto bytes = encodeEscPos(page.value());
    if (!bytes) return r.renderError = bytes.error().message, r;
    r.renderMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    r.lengthMm = double(page->height) / kDotsPerMm;
    if (!m_config.pngDir.empty()) {
        r.pngPath = spoolPath(m_config.pngDir, job, id);
        if (auto st = writeBitmapPng(r.pngPath, page.value()); !st) r.pngError = st.error().message, r.pngPath.clear();
    }
    if (m_config.settings.device.empty()) {
        r.spooled = r.pngError.empty();
        return r;
    }
    r.outcome = printJob(m_config.settings, bytes.value());
    return r;
}

}  // namespace gongkai::ui
