// Pictures for the document reader. decodeImage() runs on the DataWorker's
// thread (stb_image; never on the UI thread); ImageCache lives on the UI
// thread: screens ask for a picture with want(), the app loop turns the
// wishes into worker requests (takeWanted) and hands decoded pixels back
// with put(), which uploads them as a texture and frees the pixels.
//
// Textures are freed by clear() (a new document) and by eviction beyond
// kMaxTextures; the destructor frees nothing, because the GL context may be
// gone by then (the process is ending anyway).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace gongkai::ui {

struct DecodedImage {
    std::string sha256;
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgba;  // width * height * 4
    std::string error;               // empty when decoded
};

// Decodes PNG/JPEG/GIF/BMP bytes to RGBA; pictures larger than
// kMaxImageSide on a side are refused (error set). Thread-safe.
DecodedImage decodeImage(const std::string& sha256, const std::string& bytes);
inline constexpr int kMaxImageSide = 8192;

class ImageCache {
public:
    enum class State { Wanted, Requested, Ready, Failed };
    struct Entry {
        State state = State::Wanted;
        std::string documentId;
        std::uintptr_t texture = 0;
        int width = 0, height = 0;
        std::uint64_t lastUse = 0;
    };
    static constexpr std::size_t kMaxTextures = 24;

    // The entry for `sha256`, or nullptr when never asked for.
    const Entry* find(const std::string& sha256);
    // Asks for the picture `sha256` shown by document `documentId`.
    void want(const std::string& documentId, const std::string& sha256);
    // (documentId, sha256) pairs asked for since the last call.
    std::vector<std::pair<std::string, std::string>> takeWanted();
    // A decoded picture (or its failure): uploaded, pixels dropped.
    void put(DecodedImage&& image);
    // Frees every texture (GL context current).
    void clear();
    // Bumped whenever an entry changes state (screens relayout on change).
    std::uint64_t version() const { return m_version; }

private:
    void evict();

    std::map<std::string, Entry> m_entries;
    std::uint64_t m_clock = 0, m_version = 0;
};

}  // namespace gongkai::ui
