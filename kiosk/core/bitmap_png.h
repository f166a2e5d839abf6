// A printed page (core/escpos.h Bitmap) as a PNG file (issue 9: "other
// printers" and the print spool directory): 8-bit grey, black dots 0, paper
// 255, one pixel a dot (203 dpi). Written to PATH.tmp and renamed, so a
// spooler watching the directory never picks up half a file.
// Errors name the file. Any thread.
#pragma once

#include <string>

#include "core/escpos.h"
#include "core/result.h"

namespace gongkai {

Status writeBitmapPng(const std::string& path, const Bitmap& bitmap);

}  // namespace gongkai
