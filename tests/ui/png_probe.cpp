#include "ui/png_probe.h"

#include <cmath>
#include <cstdlib>
#include <set>

#include <stb/stb_image.h>
#include <zbar.h>

namespace gongkai::test {

Rgb parseHex(const std::string& hex) {
    unsigned long v = std::strtoul(hex.c_str() + 1, nullptr, 16);
    return {int((v >> 16) & 0xFF), int((v >> 8) & 0xFF), int(v & 0xFF)};
}

double relativeLuminance(Rgb c) {
    auto lin = [](int v) {
        double s = v / 255.0;
        return s <= 0.03928 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

double contrastRatio(Rgb a, Rgb b) {
    double la = relativeLuminance(a), lb = relativeLuminance(b);
    if (la < lb) std::swap(la, lb);
    return (la + 0.05) / (lb + 0.05);
}

Picture Picture::load(const std::string& path) {
    Picture p;
    int n = 0;
    unsigned char* data = stbi_load(path.c_str(), &p.m_w, &p.m_h, &n, 3);
    if (!data) { p.m_w = p.m_h = 0; return p; }
    p.m_rgb.assign(data, data + std::size_t(p.m_w) * std::size_t(p.m_h) * 3);
    stbi_image_free(data);
    return p;
}

Rgb Picture::at(int x, int y) const {
    std::size_t i = (std::size_t(y) * std::size_t(m_w) + std::size_t(x)) * 3;
    return {m_rgb[i], m_rgb[i + 1], m_rgb[i + 2]};
}

bool Picture::near(int x, int y, Rgb c, int tol) const {
    Rgb p = at(x, y);
    return std::abs(p.r - c.r) <= tol && std::abs(p.g - c.g) <= tol && std::abs(p.b - c.b) <= tol;
}

int Picture::colourCount(const Box& b) const {
    std::set<int> seen;
    for (int y = b.y0; y < b.y1; ++y)
        for (int x = b.x0; x < b.x1; ++x) {
            Rgb p = at(x, y);
            seen.insert((p.r >> 4) << 8 | (p.g >> 4) << 4 | (p.b >> 4));
        }
    return int(seen.size());
}

double Picture::fraction(const Box& b, Rgb c, int tol) const {
    long hit = 0, all = 0;
    for (int y = b.y0; y < b.y1; ++y)
        for (int x = b.x0; x < b.x1; ++x, ++all) hit += near(x, y, c, tol);
    return all ? double(hit) / double(all) : 0;
}

double Picture::darkFraction(const Box& b, double lum) const {
    long hit = 0, all = 0;
    for (int y = b.y0; y < b.y1; ++y)
        for (int x = b.x0; x < b.x1; ++x, ++all) hit += relativeLuminance(at(x, y)) < lum;
    return all ? double(hit) / double(all) : 0;
}

std::vector<Box> Picture::regions(const Box& b, Rgb c, int minPixels, int tol) const {
    std::vector<Box> out;
    std::vector<char> seen(std::size_t(m_w) * std::size_t(m_h), 0);
    std::vector<std::pair<int, int>> stack;
    for (int y = b.y0; y < b.y1; ++y)
        for (int x = b.x0; x < b.x1; ++x) {
            std::size_t i = std::size_t(y) * std::size_t(m_w) + std::size_t(x);
            if (seen[i] || !near(x, y, c, tol)) continue;
            Box box{x, y, x + 1, y + 1};
            int count = 0;
            stack.push_back({x, y});
            seen[i] = 1;
            while (!stack.empty()) {
                auto [px, py] = stack.back();
                stack.pop_back();
                ++count;
                box = {std::min(box.x0, px), std::min(box.y0, py), std::max(box.x1, px + 1), std::max(box.y1, py + 1)};
                const int nx[4] = {px + 1, px - 1, px, px}, ny[4] = {py, py, py + 1, py - 1};
                for (int k = 0; k < 4; ++k) {
                    if (nx[k] < b.x0 || nx[k] >= b.x1 || ny[k] < b.y0 || ny[k] >= b.y1) continue;
                    std::size_t j = std::size_t(ny[k]) * std::size_t(m_w) + std::size_t(nx[k]);
                    if (seen[j] || !near(nx[k], ny[k], c, tol)) continue;
                    seen[j] = 1;
                    stack.push_back({nx[k], ny[k]});
                }
            }
            if (count >= minPixels) out.push_back(box);
        }
    return out;
}

std::vector<Box> Picture::verticalRuns(int x, int y0, int y1, Rgb c, int tol) const {
    std::vector<Box> out;
    int start = -1;
    for (int y = y0; y <= y1; ++y) {
        bool on = y < y1 && near(x, y, c, tol);
        if (on && start < 0) start = y;
        if (!on && start >= 0) { out.push_back({x, start, x + 1, y}); start = -1; }
    }
    return out;
}

double Picture::difference(const Picture& o, const Box& b, int dyOther) const {
    double sum = 0;
    long n = 0;
    for (int y = b.y0; y < b.y1; ++y) {
        int oy = y + dyOther;
        if (oy < 0 || oy >= o.m_h) continue;
        for (int x = b.x0; x < b.x1; ++x, ++n) {
            Rgb p = at(x, y), q = o.at(x, oy);
            sum += std::abs(p.r - q.r) + std::abs(p.g - q.g) + std::abs(p.b - q.b);
        }
    }
    return n ? sum / (3.0 * double(n)) : 0;
}

std::vector<std::string> decodeQrCodes(const Picture& p) {
    using namespace zbar;  // zbar.h puts its C API in this namespace for C++
    std::vector<std::uint8_t> grey(std::size_t(p.width()) * std::size_t(p.height()));
    for (int y = 0; y < p.height(); ++y)
        for (int x = 0; x < p.width(); ++x) {
            Rgb c = p.at(x, y);
            grey[std::size_t(y) * std::size_t(p.width()) + std::size_t(x)] = std::uint8_t((c.r * 3 + c.g * 6 + c.b) / 10);
        }
    zbar_image_scanner_t* scanner = zbar_image_scanner_create();
    zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
    zbar_image_t* img = zbar_image_create();
    zbar_image_set_format(img, zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(img, unsigned(p.width()), unsigned(p.height()));
    zbar_image_set_data(img, grey.data(), grey.size(), nullptr);
    zbar_scan_image(scanner, img);
    std::vector<std::string> out;
    for (const zbar_symbol_t* s = zbar_image_first_symbol(img); s; s = zbar_symbol_next(s))
        if (zbar_symbol_get_type(s) == ZBAR_QRCODE) out.push_back(zbar_symbol_get_data(s));
    zbar_image_destroy(img);
    zbar_image_scanner_destroy(scanner);
    return out;
}


}  // namespace gongkai::test
