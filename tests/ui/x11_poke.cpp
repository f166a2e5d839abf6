#include "ui/x11_poke.h"

#include <dlfcn.h>

#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/keysym.h>

#include <cstring>

namespace gongkai::test {
namespace {

struct Xlib {
    void* lib = nullptr;
    Display* (*openDisplay)(const char*) = nullptr;
    int (*closeDisplay)(Display*) = nullptr;
    Status (*queryTree)(Display*, Window, Window*, Window*, Window**, unsigned*) = nullptr;
    Status (*fetchName)(Display*, Window, char**) = nullptr;
    int (*xfree)(void*) = nullptr;
    Atom (*internAtom)(Display*, const char*, Bool) = nullptr;
    Status (*sendEvent)(Display*, Window, Bool, long, XEvent*) = nullptr;
    KeyCode (*keysymToKeycode)(Display*, KeySym) = nullptr;
    int (*flush)(Display*) = nullptr;
    int (*sync)(Display*, Bool) = nullptr;

    bool load() {
        lib = dlopen("libX11.so.6", RTLD_NOW | RTLD_LOCAL);
        if (!lib) return false;
        auto sym = [&](auto& fn, const char* name) { fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(dlsym(lib, name)); return fn != nullptr; };
        return sym(openDisplay, "XOpenDisplay") && sym(closeDisplay, "XCloseDisplay") &&
               sym(queryTree, "XQueryTree") && sym(fetchName, "XFetchName") && sym(xfree, "XFree") &&
               sym(internAtom, "XInternAtom") && sym(sendEvent, "XSendEvent") &&
               sym(keysymToKeycode, "XKeysymToKeycode") && sym(flush, "XFlush") && sym(sync, "XSync");
    }
};

Window findWindow(Xlib& x, Display* d, Window w, const std::string& title, int depth = 0) {
    char* name = nullptr;
    if (x.fetchName(d, w, &name) && name) {
        bool match = title == name;
        x.xfree(name);
        if (match) return w;
    }
    if (depth > 4) return 0;
    Window root = 0, parent = 0, *children = nullptr;
    unsigned n = 0;
    if (!x.queryTree(d, w, &root, &parent, &children, &n)) return 0;
    Window found = 0;
    for (unsigned i = 0; i < n && !found; ++i) found = findWindow(x, d, children[i], title, depth + 1);
    if (children) x.xfree(children);
    return found;
}

void sendKey(Xlib& x, Display* d, Window w, KeySym sym, unsigned state) {
    for (int type : {KeyPress, KeyRelease}) {
        XEvent e;
        std::memset(&e, 0, sizeof e);
        e.xkey.type = type;
        e.xkey.display = d;
        e.xkey.window = w;
        e.xkey.root = DefaultRootWindow(d);
        e.xkey.state = state;
        e.xkey.keycode = x.keysymToKeycode(d, sym);
        e.xkey.same_screen = True;
        x.sendEvent(d, w, True, type == KeyPress ? KeyPressMask : KeyReleaseMask, &e);
    }
}

}  // namespace

std::string pokeKioskWindow(const std::string& title) {
    Xlib x;
    if (!x.load()) return "cannot load libX11";
    Display* d = x.openDisplay(nullptr);
    if (!d) return "cannot open the display";
    Window w = findWindow(x, d, DefaultRootWindow(d), title);
    if (!w) {
        x.closeDisplay(d);
        return "no window titled " + title;
    }
    sendKey(x, d, w, XK_Escape, 0);
    sendKey(x, d, w, XK_F4, Mod1Mask);
    XEvent e;
    std::memset(&e, 0, sizeof e);
    e.xclient.type = ClientMessage;
    e.xclient.window = w;
    e.xclient.message_type = x.internAtom(d, "WM_PROTOCOLS", False);
    e.xclient.format = 32;
    e.xclient.data.l[0] = static_cast<long>(x.internAtom(d, "WM_DELETE_WINDOW", False));
    e.xclient.data.l[1] = CurrentTime;
    x.sendEvent(d, w, False, NoEventMask, &e);
    x.sync(d, False);
    x.closeDisplay(d);
    return {};
}

}  // namespace gongkai::test
