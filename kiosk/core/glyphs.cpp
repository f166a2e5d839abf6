#include "glyphs.h"

#include <vector>

namespace gongkai {

void countCharacters(const nlohmann::json& value, int sign, GlyphCounts& counts) {
    std::vector<const nlohmann::json*> stack{&value};
    while (!stack.empty()) {
        const auto* cur = stack.back();
        stack.pop_back();
        if (cur->is_string()) {
            forEachCodepoint(cur->get_ref<const std::string&>(), [&](char32_t cp) {
                if (cp >= 0x80) counts.add(cp, sign);
            });
        } else if (cur->is_structured()) {
            for (const auto& item : *cur) stack.push_back(&item);
        }
    }
}

}  // namespace gongkai
