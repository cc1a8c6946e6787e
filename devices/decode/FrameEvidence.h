// Evidence over consecutive camera frames: a citizen's hand never holds a code quite still, so
// one frame may be sharper than the next. When two consecutive frames both showed a code-like
// region in the same place and neither was read, the decoder retries on the sharper of the two
// with its whole budget on that region (DecodeOptions::focus). Pure: no I/O.
#pragma once

#include <opencv2/core.hpp>

namespace devices {

// How sharp `region` of `image` (8-bit, 1/3/4 channels) is: the variance of its Laplacian.
// Comparable between frames of one camera, not an absolute measure. 0 for an empty region.
double regionSharpness(const cv::Mat& image, const cv::Rect& region);

// True when two candidate regions are the same code seen twice: they overlap by at least half
// of their union (a hand drifting a few modules between frames stays the same code).
bool sameCandidate(const cv::Rect& a, const cv::Rect& b);

}  // namespace devices
