// The idle reset's clearing (idle.h): AppState's typed text through the
// search screen's clearTypedText, the keyboard's mode and pending pinyin,
// and Dear ImGui's own input-text state,
// whose buffers are zeroed before they are freed (freeing alone leaves the
// bytes in the heap). Separate from idle.cpp, which is pure logic.
#include <cstring>

#include <imgui.h>
#include <imgui_internal.h>

#include "ui/app_print.h"
#include "ui/app_state.h"
#include "ui/idle.h"
#include "ui/input_method_state.h"
#include "ui/pages_state.h"
#include "ui/request_flow.h"
#include "ui/screens.h"

namespace gongkai::ui {

namespace {

template <class T>
void zeroAndFree(ImVector<T>& v) {
    if (v.Data) std::memset(static_cast<void*>(v.Data), 0, sizeof(T) * static_cast<std::size_t>(v.Capacity));
    v.clear();  // frees
}

}  // namespace

void resetSession(AppState& s) {
    clearTypedText(s);
    clearPagesTypedText(s.pages);  // the reader's find text
    clearInputMethod(s.ime);       // the keyboard's mode and half-typed pinyin
    clearRequest(s.request);       // a disclosure request half made (or its slip)
    clearPrint(s.print);           // what the last print did
    s.requestUi = {};
    s.routes.resize(1);
    s.routes.back() = s.setup.needed ? Route{ScreenId::Setup, ""} : Route{};
    if (!ImGui::GetCurrentContext()) return;
    ImGui::ClearActiveID();
    ImGuiContext& g = *GImGui;
    ImGuiInputTextState& it = g.InputTextState;
    zeroAndFree(it.TextW);
    zeroAndFree(it.TextA);
    zeroAndFree(it.InitialTextA);
    it.CurLenW = it.CurLenA = 0;
    it.ID = 0;
    std::memset(&it.Stb, 0, sizeof it.Stb);  // holds the undo record of typed characters
    zeroAndFree(g.IO.InputQueueCharacters);
    std::memset(g.TempBuffer, 0, sizeof g.TempBuffer);
}

std::string imguiHeldText() {
    if (!ImGui::GetCurrentContext()) return {};
    const ImGuiInputTextState& it = GImGui->InputTextState;
    std::string out;
    for (int i = 0; i < it.TextA.Size && it.TextA[i]; ++i) out += it.TextA[i];
    for (int i = 0; i < it.InitialTextA.Size && it.InitialTextA[i]; ++i) out += it.InitialTextA[i];
    for (int i = 0; i < it.TextW.Size && it.TextW[i]; ++i)
        if (it.TextW[i] < 0x80) out += static_cast<char>(it.TextW[i]);
    for (int i = 0; i < STB_TEXTEDIT_UNDOCHARCOUNT; ++i)
        if (it.Stb.undostate.undo_char[i] > 0 && it.Stb.undostate.undo_char[i] < 0x80)
            out += static_cast<char>(it.Stb.undostate.undo_char[i]);
    return out;
}

}  // namespace gongkai::ui
