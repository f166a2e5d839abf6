#include "ui/image_cache.h"

#include <algorithm>

#include <stb/stb_image.h>

#include "platform/texture.h"

namespace gongkai::ui {

DecodedImage decodeImage(const std::string& sha256, const std::string& bytes) {
    DecodedImage out;
    out.sha256 = sha256;
    int w = 0, h = 0, channels = 0;
    auto* data = reinterpret_cast<const stbi_uc*>(bytes.data());
    int len = static_cast<int>(std::min<std::size_t>(bytes.size(), 1u << 30));
    if (!stbi_info_from_memory(data, len, &w, &h, &channels) || w <= 0 || h <= 0) {
        out.error = "not a picture stb_image reads";
        return out;
    }
    if (w > kMaxImageSide || h > kMaxImageSide) {
        out.error = "picture too large";
        return out;
    }
    stbi_uc* pixels = stbi_load_from_memory(data, len, &w, &h, &channels, 4);
    if (!pixels) {
        out.error = stbi_failure_reason() ? stbi_failure_reason() : "cannot decode";
        return out;
    }
    out.width = w;
    out.height = h;
    out.rgba.assign(pixels, pixels + std::size_t(w) * std::size_t(h) * 4);
    stbi_image_free(pixels);
    return out;
}

const ImageCache::Entry* ImageCache::find(const std::string& sha256) {
    auto it = m_entries.find(sha256);
    if (it == m_entries.end()) return nullptr;
    it->second.lastUse = ++m_clock;
    return &it->second;
}

void ImageCache::want(const std::string& documentId, const std::string& sha256) {
    if (m_entries.count(sha256)) return;
    Entry e;
    e.documentId = documentId;
    e.lastUse = ++m_clock;
    m_entries.emplace(sha256, std::move(e));
}

std::vector<std::pair<std::string, std::string>> ImageCache::takeWanted() {
    std::vector<std::pair<std::string, std::string>> out;
    for (auto& [sha, e] : m_entries)
        if (e.state == State::Wanted) {
            out.emplace_back(e.documentId, sha);
            e.state = State::Requested;
        }
    return out;
}

void ImageCache::put(DecodedImage&& image) {
    auto it = m_entries.find(image.sha256);
    if (it == m_entries.end()) return;  // cleared since it was asked for
    Entry& e = it->second;
    ++m_version;
    e.texture = image.error.empty() ? platform::uploadTexture(image.rgba.data(), image.width, image.height) : 0;
    e.state = e.texture ? State::Ready : State::Failed;
    e.width = image.width;
    e.height = image.height;
    image.rgba = {};
    evict();
}

void ImageCache::evict() {
    std::size_t ready = 0;
    for (const auto& [sha, e] : m_entries) ready += e.texture != 0;
    while (ready > kMaxTextures) {
        auto oldest = m_entries.end();
        for (auto it = m_entries.begin(); it != m_entries.end(); ++it)
            if (it->second.texture && (oldest == m_entries.end() || it->second.lastUse < oldest->second.lastUse))
                oldest = it;
        platform::deleteTexture(oldest->second.texture);
        m_entries.erase(oldest);
        --ready;
    }
}

void ImageCache::clear() {
    for (auto& [sha, e] : m_entries) platform::deleteTexture(e.texture);
    m_entries.clear();
    ++m_version;
}

}  // namespace gongkai::ui
