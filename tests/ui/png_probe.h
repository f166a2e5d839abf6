// Reading kiosk screenshots back for the UI tests: decode a PNG (stb_image)
// and ask questions about its pixels: colour counts, regions of one colour
// (connected components), runs along a line, differences between images.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gongkai::test {

struct Rgb {
    int r = 0, g = 0, b = 0;
};

Rgb parseHex(const std::string& hex);  // "#RRGGBB"
double relativeLuminance(Rgb c);
double contrastRatio(Rgb a, Rgb b);

struct Box {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // inclusive-exclusive
    int width() const { return x1 - x0; }
    int height() const { return y1 - y0; }
};

class Picture {
public:
    static Picture load(const std::string& path);  // empty picture when unreadable
    int width() const { return m_w; }
    int height() const { return m_h; }
    bool empty() const { return m_w == 0; }
    Rgb at(int x, int y) const;
    bool near(int x, int y, Rgb c, int tolerance = 12) const;

    // Distinct colours (quantised to 4 bits a channel) inside `box`.
    int colourCount(const Box& box) const;
    // Fraction of pixels in `box` close to `c`.
    double fraction(const Box& box, Rgb c, int tolerance = 12) const;
    // Fraction of pixels in `box` darker than `luminance` (0..1): text ink.
    double darkFraction(const Box& box, double luminance) const;
    // Connected regions of colour `c` inside `box` (4-neighbour).
    std::vector<Box> regions(const Box& box, Rgb c, int minPixels, int tolerance = 12) const;
    // Runs of colour `c` down the column x within [y0, y1).
    std::vector<Box> verticalRuns(int x, int y0, int y1, Rgb c, int tolerance = 12) const;
    // Mean absolute channel difference over `box` between two pictures.
    double difference(const Picture& other, const Box& box, int dyOther = 0) const;

private:
    int m_w = 0, m_h = 0;
    std::vector<std::uint8_t> m_rgb;
};

// The texts of the QR codes zbar finds in the picture (as a phone or a
// desk scanner would read the screen).
std::vector<std::string> decodeQrCodes(const Picture& p);

}  // namespace gongkai::test
