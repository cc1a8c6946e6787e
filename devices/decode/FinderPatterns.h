// Where a QR code's corners are, from its three finder patterns: each is a dark square ring round
// a dark centre (1:1:3:1:1 modules across), which binarised shows as a contour holding a hole
// holding a blob. Their outer corners are three of the code's corners and the code's outer edges
// leave from them, so the fourth follows where those edges meet. Unlike the outline of the code's
// dark modules, this is not pulled off by a light edge row or by darker clutter touching the code.
// A finder whose dark outer ring merges into dark round it (a faint code on a grey card) is found
// from its light ring round the centre alone. Pure: no I/O.
#pragma once

#include <opencv2/core.hpp>

#include <array>
#include <optional>

namespace devices {

// The symbol's corners in `crop` (8-bit, one channel): top-left, top-right, bottom-right,
// bottom-left as the code reads (its finder patterns sit at the first, second and fourth). Empty
// unless three finder patterns of similar size make a plausible code.
std::optional<std::array<cv::Point2f, 4>> finderPatternQuad(const cv::Mat& crop);

// The same corners found without binarising, for a code too faint or too blurred for any threshold
// to keep a finder's rings apart: each finder is matched by the mean grey of its centre and rings
// (dark 3x3 centre, light ring, dark ring, light separator), box averages that noise and blur leave
// in order. The crop is first turned so the code's modules run along its axes. A parallelogram:
// the fourth corner is not found, and a steeply tilted code is left to finderPatternQuad. Same
// order as finderPatternQuad.
std::optional<std::array<cv::Point2f, 4>> finderRingsQuad(const cv::Mat& crop);

}  // namespace devices
