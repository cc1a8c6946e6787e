// Finder patterns by contour nesting rather than ZXing's run scan: ZXing 1.4 does not expose its
// detector, and Debian's OpenCV has no objdetect module. Nesting holds under any rotation and under
// the perspective of a steeply tilted code, where run ratios along image rows drift.
#include "devices/decode/FinderPatterns.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace devices {
namespace {

struct Finder {
    cv::Point2f centre;
    std::array<cv::Point2f, 4> corners;  // in polygon order
    double size = 0;                     // square root of the outer area
};

cv::Point2f centroid(const std::vector<cv::Point>& contour) {
    const cv::Moments m = cv::moments(contour);
    if (m.m00 <= 0) return {};
    return {static_cast<float>(m.m10 / m.m00), static_cast<float>(m.m01 / m.m00)};
}

std::optional<std::array<cv::Point2f, 4>> quadOf(const std::vector<cv::Point>& contour) {
    std::vector<cv::Point> hull, corners;
    cv::convexHull(contour, hull);
    const double perimeter = cv::arcLength(hull, true);
    // Blur rounds a finder's corners: loosen until four remain.
    for (double epsilon = 0.02; epsilon < 0.2 && corners.size() != 4; epsilon += 0.02) {
        cv::approxPolyDP(hull, corners, epsilon * perimeter, true);
        if (corners.size() < 4) return std::nullopt;
    }
    if (corners.size() != 4) return std::nullopt;
    return std::array<cv::Point2f, 4>{cv::Point2f(corners[0]), cv::Point2f(corners[1]),
                                      cv::Point2f(corners[2]), cv::Point2f(corners[3])};
}

// The largest dark blob inside hole `h` of the contour tree, or -1; its area in `area`.
int largestBlobIn(int h, const std::vector<std::vector<cv::Point>>& contours,
                  const std::vector<cv::Vec4i>& hierarchy, double& area) {
    int blob = -1;
    area = 0;
    for (int c = hierarchy[static_cast<std::size_t>(h)][2]; c >= 0;
         c = hierarchy[static_cast<std::size_t>(c)][0]) {
        const double candidate = cv::contourArea(contours[static_cast<std::size_t>(c)]);
        if (candidate > area) area = candidate, blob = c;
    }
    return blob;
}

// Finder patterns two ways from one contour tree. `ringed`: a dark ring holding a light ring
// holding a dark centre, the pattern as drawn. `bare`: a light ring holding a dark centre whatever
// the dark round it, for a finder whose outer ring merges into something dark touching it (a code
// printed on a grey card edge to edge, where the light surround makes the card's light modules
// dark to the threshold; dark clutter in the quiet zone): its outer square is 7/5 of the hole's.
// Data modules make bare rings too, so those are tried only when the ringed ones make no code.
struct FoundFinders {
    std::vector<Finder> ringed, bare;
};

FoundFinders findFinders(const cv::Mat& crop) {
    cv::Mat dark;
    // A window of a few finder widths: wide enough that a finder's 3x3 centre is not hollowed out,
    // local enough to follow shading across the code.
    const int block = std::max(15, std::max(crop.cols, crop.rows) / 6) | 1;
    cv::adaptiveThreshold(crop, dark, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY_INV, block, 5);
    std::vector<std::vector<cv::Point>> contours;
    std::vector<cv::Vec4i> hierarchy;
    cv::findContours(dark, contours, hierarchy, cv::RETR_TREE, cv::CHAIN_APPROX_SIMPLE);
    FoundFinders found;
    // An outline (a dark ring's or a bare hole's) round a centre blob, as a finder when it is one.
    const auto finderOf = [&](int outline, double outlineArea, int blob,
                              double grow) -> std::optional<Finder> {
        const cv::Point2f outerCentre = centroid(contours[static_cast<std::size_t>(outline)]);
        const cv::Point2f blobCentre = centroid(contours[static_cast<std::size_t>(blob)]);
        const double size = std::sqrt(outlineArea) * grow;
        if (cv::norm(outerCentre - blobCentre) > 0.15 * size) return std::nullopt;
        auto corners = quadOf(contours[static_cast<std::size_t>(outline)]);
        if (!corners) return std::nullopt;
        for (auto& corner : *corners)
            corner = outerCentre + (corner - outerCentre) * static_cast<float>(grow);
        return Finder{outerCentre, *corners, size};
    };
    for (std::size_t i = 0; i < contours.size(); ++i) {
        const int hole = hierarchy[i][2];
        if (hole < 0) continue;
        const double outer = cv::contourArea(contours[i]);
        // Each hole in turn, and in it the largest blob: noise can leave specks in the light ring.
        bool ringed = false;
        for (int h = hole; h >= 0; h = hierarchy[static_cast<std::size_t>(h)][0]) {
            const double inner = cv::contourArea(contours[static_cast<std::size_t>(h)]);
            double centreArea = 0;
            const int centreBlob = largestBlobIn(h, contours, hierarchy, centreArea);
            if (centreBlob < 0) continue;
            // 3x3 of 7x7 modules (0.18); an alignment pattern, the same nesting, has 1x1 of 5x5
            // (0.04), which blur grows to about 0.1. 5x5 of 7x7 for the hole; blur and the threshold
            // shift the edges by up to half a module.
            if (!ringed && outer >= 60 && inner >= 0.25 * outer && inner <= 0.75 * outer &&
                centreArea >= 0.11 * outer && centreArea <= 0.4 * outer) {
                if (auto finder = finderOf(static_cast<int>(i), outer, centreBlob, 1.0)) {
                    found.ringed.push_back(*finder);
                    ringed = true;
                }
            }
            // 3x3 of 5x5 (0.36); blur grows the centre into the ring. Under ~1.1 px a module, none.
            if (inner >= 30 && centreArea >= 0.2 * inner && centreArea <= 0.65 * inner) {
                if (auto finder = finderOf(h, inner, centreBlob, 7.0 / 5.0)) found.bare.push_back(*finder);
            }
        }
    }
    return found;
}

std::optional<cv::Point2f> intersection(cv::Point2f a, cv::Point2f b, cv::Point2f c, cv::Point2f d) {
    const cv::Point2f r = b - a, s = d - c;
    const float denominator = r.x * s.y - r.y * s.x;
    if (std::abs(denominator) < 1e-3f * static_cast<float>(cv::norm(r) * cv::norm(s))) return std::nullopt;
    const cv::Point2f ac = c - a;
    const float t = (ac.x * s.y - ac.y * s.x) / denominator;
    return a + r * t;
}

cv::Point2f unit(cv::Point2f v) {
    const double length = cv::norm(v);
    return length > 0 ? v * static_cast<float>(1.0 / length) : v;
}

// The corner of `finder` that lies furthest out along `outward` (the code's outer corner there),
// and of its two neighbours on the polygon the one further along `along` (a second point on the
// code's edge that leaves the corner in that direction). Directions between finder centres, not
// distances from the code's middle: under a steep tilt the corner farthest from the middle can be
// another one of the finder's.
std::pair<cv::Point2f, cv::Point2f> outerCornerAndEdge(const Finder& finder, cv::Point2f outward,
                                                       cv::Point2f along) {
    std::size_t best = 0;
    for (std::size_t i = 1; i < 4; ++i)
        if ((finder.corners[i] - finder.centre).dot(outward) >
            (finder.corners[best] - finder.centre).dot(outward))
            best = i;
    const cv::Point2f corner = finder.corners[best];
    const cv::Point2f next = finder.corners[(best + 1) % 4], previous = finder.corners[(best + 3) % 4];
    return {corner, (next - corner).dot(along) > (previous - corner).dot(along) ? next : previous};
}

double cross(cv::Point2f a, cv::Point2f b) {
    return static_cast<double>(a.x) * b.y - static_cast<double>(a.y) * b.x;
}

// The sine of the angle between `direction` and the finder edge nearest to it in direction.
double offEdge(const Finder& finder, cv::Point2f direction) {
    double least = 1.0;
    for (std::size_t i = 0; i < 4; ++i) {
        const cv::Point2f edge = finder.corners[(i + 1) % 4] - finder.corners[i];
        const double lengths = cv::norm(edge) * cv::norm(direction);
        if (lengths > 0) least = std::min(least, std::abs(cross(edge, direction)) / lengths);
    }
    return least;
}

// The code's corners from the three of `finders` that best make one; empty when none do.
std::optional<std::array<cv::Point2f, 4>> quadFrom(std::vector<Finder> finders) {
    if (finders.size() < 3) return std::nullopt;
    // The search below tries every triple; data modules of a large code can nest into a few false
    // finders, but the real ones are among the largest.
    constexpr std::size_t kMostFinders = 12;
    if (finders.size() > kMostFinders) {
        std::partial_sort(finders.begin(), finders.begin() + kMostFinders, finders.end(),
                          [](const Finder& a, const Finder& b) { return a.size > b.size; });
        finders.resize(kMostFinders);
    }
    // The triple, and the corner finder in it, that best make a code's corner: finders alike in
    // size, several finder widths apart, and the corner finder seeing the other two along its own
    // edges (a finder's edges run along the code's). Neither the longest side nor the most square
    // angle tells the corner under the perspective of a steep tilt; the edges do.
    double bestScore = 0;
    std::array<std::size_t, 3> best{};  // corner, then the other two
    for (std::size_t a = 0; a < finders.size(); ++a) {
        for (std::size_t b = a + 1; b < finders.size(); ++b) {
            for (std::size_t c = b + 1; c < finders.size(); ++c) {
                const double smallest = std::min({finders[a].size, finders[b].size, finders[c].size});
                const double largest = std::max({finders[a].size, finders[b].size, finders[c].size});
                if (largest > 2.5 * smallest) continue;
                for (const std::array<std::size_t, 3>& order :
                     {std::array<std::size_t, 3>{a, b, c}, {b, c, a}, {c, a, b}}) {
                    const Finder &corner = finders[order[0]], &one = finders[order[1]],
                                 &two = finders[order[2]];
                    const cv::Point2f u = one.centre - corner.centre, v = two.centre - corner.centre;
                    if (cv::norm(u) < 2.0 * largest || cv::norm(v) < 2.0 * largest) continue;
                    if (std::abs(cross(u, v)) < 0.3 * cv::norm(u) * cv::norm(v)) continue;  // in a line
                    const double offEdges = offEdge(corner, u) + offEdge(corner, v);
                    if (offEdges > 0.7) continue;  // ~20 degrees off each
                    const double score = (2.0 - offEdges) * smallest / largest;
                    if (score > bestScore) bestScore = score, best = order;
                }
            }
        }
    }
    if (bestScore <= 0) return std::nullopt;
    const Finder& topLeft = finders[best[0]];
    const Finder* topRight = &finders[best[1]];
    const Finder* bottomLeft = &finders[best[2]];
    // Clockwise in image coordinates (y down): top-right is a quarter turn before bottom-left.
    if (cross(topRight->centre - topLeft.centre, bottomLeft->centre - topLeft.centre) < 0)
        std::swap(topRight, bottomLeft);
    const cv::Point2f right = unit(topRight->centre - topLeft.centre);
    const cv::Point2f down = unit(bottomLeft->centre - topLeft.centre);
    const cv::Point2f tl = outerCornerAndEdge(topLeft, -right - down, right).first;
    const auto [tr, rightEdge] = outerCornerAndEdge(*topRight, right - down, down);
    const auto [bl, bottomEdge] = outerCornerAndEdge(*bottomLeft, down - right, right);
    const auto br = intersection(tr, rightEdge, bl, bottomEdge);
    if (!br) return std::nullopt;
    // The fourth corner lies beyond the other two finders, not behind them, and not far off. A
    // steep tilt shortens the diagonal through it, and shows in the finders' sizes: 0.75-0.79 of
    // the other, the largest finder 1.5-1.7 times the smallest, on two dense tilted codes (seeds 3
    // and 2025) that now read rectified in two passes. Allowed whatever the sizes, the shorter
    // diagonal let wrong quads of small blurred codes through, whose tries cost the budget
    // (bench_scan --hard-only, seeds tuned on: 10 and 11 misses -> 12, hard p95 14-19 -> 13-20 ms);
    // with the sizes' test, 11 and 13, within the frames that flip at the budget's edge, and on
    // the seeds never tuned on 8 -> 6.
    constexpr double kShortestDiagonal = 0.8, kTiltedShortestDiagonal = 0.6, kTiltedFinderSizes = 1.4;
    const double sizes = std::max({topLeft.size, topRight->size, bottomLeft->size}) /
                         std::min({topLeft.size, topRight->size, bottomLeft->size});
    const double shortest = sizes >= kTiltedFinderSizes ? kTiltedShortestDiagonal : kShortestDiagonal;
    const double diagonal = cv::norm(tr - bl);
    if (cv::norm(*br - tl) < shortest * diagonal || cv::norm(*br - tl) > 2.0 * diagonal) return std::nullopt;
    return std::array<cv::Point2f, 4>{tl, tr, *br, bl};
}

// Finder patterns by ring averages (finderRingsQuad). Crops are scaled to this side: finder rings
// of modules of 2-11 px are looked for, a code of 21-160 modules in a crop it fills.
constexpr int kRingsWorkingSide = 320;
constexpr double kRingsSmallestModule = 2.0;
constexpr double kRingsLargestModule = 11.0;
constexpr double kRingsModuleStep = 1.15;
// The strongest ring matches tried as finder triples: the real finders are among them once the
// separator is required (measured on faint_small, five seeds: 10 of 200 triples wrong with it, 30
// without).
constexpr std::size_t kMostRingMatches = 12;
// A finder's contrast is 1.8-5 times the spread of grey within its centre and light ring on faint
// codes, 0.2-1.1 for the data modules' matches; uniform noise reached 0.77. Blurred finders come
// lower: at 1.5, 96 of 200 small_turned_blur frames kept a triple that redrew, at 1.0 163 (at 0,
// 165; seeds 3, 11, 123, 2025, 99).
constexpr double kRingsMinClarity = 1.0;

// The angle (radians, within a quarter turn) the code's module edges make with the image axes:
// gradient directions taken four times over, so that the four edge directions of a square grid
// add up instead of cancelling, each weighted by its gradient's strength.
double gridAngle(const cv::Mat& gray) {
    cv::Mat smooth, gx, gy;
    cv::GaussianBlur(gray, smooth, cv::Size(), 1.0);
    cv::Sobel(smooth, gx, CV_32F, 1, 0);
    cv::Sobel(smooth, gy, CV_32F, 0, 1);
    double cos4 = 0, sin4 = 0;
    for (int y = 0; y < gx.rows; ++y) {
        const float* dx = gx.ptr<float>(y);
        const float* dy = gy.ptr<float>(y);
        for (int x = 0; x < gx.cols; ++x) {
            const double xx = dx[x] * dx[x], yy = dy[x] * dy[x], squared = xx + yy;
            if (squared < 1.0) continue;
            // |g| (cos 4t, sin 4t) from cos 2t and sin 2t, without trigonometry per pixel.
            const double cos2 = xx - yy, sin2 = 2.0 * dx[x] * dy[x];
            const double weight = 1.0 / (squared * std::sqrt(squared));
            cos4 += (cos2 * cos2 - sin2 * sin2) * weight;
            sin4 += 2.0 * cos2 * sin2 * weight;
        }
    }
    return std::atan2(sin4, cos4) / 4.0;
}

// A finder's centre (3x3 modules), light ring (5x5), dark ring (7x7) and light separator (9x9, the
// quiet zone or the separator round every finder) as boxes of whole pixels round its middle.
struct Rings {
    std::array<int, 4> half{};  // box half-widths
    std::array<float, 4> area{};
    explicit Rings(double module) {
        int previous = 0;
        for (std::size_t i = 0; i < 4; ++i) {
            half[i] = std::max(previous + 1,
                               static_cast<int>(std::lround((1.5 + static_cast<double>(i)) * module)));
            area[i] = static_cast<float>((2 * half[i] + 1) * (2 * half[i] + 1));
            previous = half[i];
        }
    }
    int reach() const { return half[3]; }
};

// The integral image's rows above and below each box of `rings` round row y.
struct RingRows {
    std::array<const int*, 4> top{}, bottom{};
    RingRows(const cv::Mat& sums, int y, const Rings& rings) {
        for (std::size_t i = 0; i < 4; ++i) {
            top[i] = sums.ptr<int>(y - rings.half[i]);
            bottom[i] = sums.ptr<int>(y + rings.half[i] + 1);
        }
    }
};

// How clearly a finder sits at column x of `rows` (whose boxes must lie inside the integral image):
// the least of the contrasts a finder shows (light ring over centre, light ring over dark ring,
// separator over dark ring), in grey levels. Data modules rarely show all three.
float ringContrast(const RingRows& rows, int x, const Rings& rings) {
    std::array<float, 4> box{};
    for (std::size_t i = 0; i < 4; ++i) {
        const int h = rings.half[i];
        box[i] = static_cast<float>(rows.bottom[i][x + h + 1] - rows.top[i][x + h + 1] -
                                    rows.bottom[i][x - h] + rows.top[i][x - h]);
    }
    const auto ringMean = [&](std::size_t i) {
        return (box[i] - box[i - 1]) / (rings.area[i] - rings.area[i - 1]);
    };
    const float centre = box[0] / rings.area[0], light = ringMean(1), dark = ringMean(2),
                separator = ringMean(3);
    return std::min({light - centre, light - dark, separator - dark});
}

struct RingMatch {
    cv::Point2f centre;
    double module = 0;
    float contrast = 0;
    double clarity = 0;
};

// A match's contrast over the grey's spread within its centre and light ring, each of which is one
// grey in a finder, blur and noise aside.
double ringClarity(const cv::Mat& upright, const RingMatch& match) {
    const Rings rings(match.module);
    const int cx = static_cast<int>(match.centre.x), cy = static_cast<int>(match.centre.y);
    std::array<double, 2> sum{}, squares{};
    std::array<int, 2> count{};
    const int h5 = rings.half[1], h3 = rings.half[0];
    for (int y = std::max(0, cy - h5); y <= std::min(upright.rows - 1, cy + h5); ++y) {
        const auto* row = upright.ptr<std::uint8_t>(y);
        for (int x = std::max(0, cx - h5); x <= std::min(upright.cols - 1, cx + h5); ++x) {
            const std::size_t part = std::abs(x - cx) <= h3 && std::abs(y - cy) <= h3 ? 0 : 1;
            sum[part] += row[x];
            squares[part] += row[x] * row[x];
            ++count[part];
        }
    }
    double spread = 0;
    for (std::size_t part = 0; part < 2; ++part) {
        if (count[part] == 0) return 0;
        const double mean = sum[part] / count[part];
        spread += squares[part] - count[part] * mean * mean;
    }
    return match.contrast / std::sqrt(spread / (count[0] + count[1]) + 1.0);
}

// The best ring matches in `upright` (its module edges along the axes), strongest first, at most
// kMostRingMatches and none within 3 modules of a stronger one, each clear enough (kRingsMinClarity).
std::vector<RingMatch> ringMatches(const cv::Mat& upright) {
    cv::Mat sums;
    cv::integral(upright, sums, CV_32S);
    // Every second pixel of every second row at every module size, the best size kept per pixel;
    // the matches found are then placed to the pixel.
    constexpr int kStride = 2;
    const int columns = (upright.cols + kStride - 1) / kStride, rows = (upright.rows + kStride - 1) / kStride;
    std::vector<RingMatch> best(static_cast<std::size_t>(columns * rows));
    for (double module = kRingsSmallestModule; module <= kRingsLargestModule; module *= kRingsModuleStep) {
        const Rings rings(module);
        const int reach = rings.reach();
        for (int y = reach; y + reach + 1 < sums.rows; y += kStride) {
            RingMatch* row = &best[static_cast<std::size_t>((y / kStride) * columns)];
            const RingRows around(sums, y, rings);
            for (int x = reach; x + reach + 1 < sums.cols; x += kStride) {
                const float contrast = ringContrast(around, x, rings);
                RingMatch& cell = row[x / kStride];
                if (contrast > cell.contrast)
                    cell = {cv::Point2f(static_cast<float>(x), static_cast<float>(y)), module, contrast};
            }
        }
    }
    // Local maxima over 5x5 cells, strongest first.
    std::vector<RingMatch> peaks;
    for (int j = 0; j < rows; ++j) {
        for (int i = 0; i < columns; ++i) {
            const RingMatch& cell = best[static_cast<std::size_t>(j * columns + i)];
            if (cell.contrast <= 0) continue;
            bool peak = true;
            for (int v = std::max(0, j - 2); peak && v <= std::min(rows - 1, j + 2); ++v)
                for (int u = std::max(0, i - 2); peak && u <= std::min(columns - 1, i + 2); ++u)
                    peak = best[static_cast<std::size_t>(v * columns + u)].contrast <= cell.contrast;
            if (peak) peaks.push_back(cell);
        }
    }
    std::sort(peaks.begin(), peaks.end(),
              [](const RingMatch& a, const RingMatch& b) { return a.contrast > b.contrast; });
    std::vector<RingMatch> kept;
    for (const RingMatch& peak : peaks) {
        const bool shadowed = std::any_of(kept.begin(), kept.end(), [&](const RingMatch& stronger) {
            return cv::norm(peak.centre - stronger.centre) < 3.0 * std::max(peak.module, stronger.module);
        });
        if (shadowed) continue;
        kept.push_back(peak);
        if (kept.size() == kMostRingMatches) break;
    }
    // To the pixel and to a finer module size round each.
    for (RingMatch& match : kept) {
        RingMatch placed = match;
        for (double module = match.module * 0.87; module <= match.module * 1.16; module *= 1.04) {
            const Rings rings(module);
            const int reach = rings.reach();
            for (int y = static_cast<int>(match.centre.y) - 2; y <= static_cast<int>(match.centre.y) + 2;
                 ++y) {
                if (y < reach || y + reach + 1 >= sums.rows) continue;
                const RingRows around(sums, y, rings);
                for (int x = static_cast<int>(match.centre.x) - 2; x <= static_cast<int>(match.centre.x) + 2;
                     ++x) {
                    if (x < reach || x + reach + 1 >= sums.cols) continue;
                    const float contrast = ringContrast(around, x, rings);
                    if (contrast > placed.contrast)
                        placed = {cv::Point2f(static_cast<float>(x), static_cast<float>(y)), module,
                                  contrast};
                }
            }
        }
        match = placed;
    }
    // Noise and data modules make ring contrasts too, but not with rings each of one grey.
    for (RingMatch& match : kept)
        match.clarity = ringClarity(upright, match);
    std::erase_if(kept, [](const RingMatch& match) { return match.clarity < kRingsMinClarity; });
    return kept;
}

// The three matches that make a code's corner in an upright image: alike in module size, at least
// 12 modules apart (21-module codes have their finders 14 apart), the two arms alike in length, at
// a right angle and along the axes (within ~15 degrees: perspective); of those, the triple whose
// least clear match is clearest. The corner match first, then the two others in clockwise order.
std::optional<std::array<RingMatch, 3>> cornerTriple(const std::vector<RingMatch>& matches) {
    double bestClarity = 0;
    std::optional<std::array<RingMatch, 3>> best;
    for (const RingMatch& corner : matches) {
        for (std::size_t b = 0; b < matches.size(); ++b) {
            for (std::size_t c = b + 1; c < matches.size(); ++c) {
                const RingMatch &one = matches[b], &two = matches[c];
                if (&one == &corner || &two == &corner) continue;
                const double weakest = std::min({corner.clarity, one.clarity, two.clarity});
                if (weakest <= bestClarity) continue;
                const double smallest = std::min({corner.module, one.module, two.module});
                const double largest = std::max({corner.module, one.module, two.module});
                if (largest > 1.3 * smallest) continue;
                const cv::Point2f u = one.centre - corner.centre, v = two.centre - corner.centre;
                const double lengthU = cv::norm(u), lengthV = cv::norm(v);
                if (std::min(lengthU, lengthV) < 12.0 * smallest) continue;
                if (std::max(lengthU, lengthV) > 1.3 * std::min(lengthU, lengthV)) continue;
                if (std::abs(u.dot(v)) > 0.26 * lengthU * lengthV) continue;
                const auto offAxis = [](cv::Point2f w, double length) {
                    return std::min(std::abs(w.x), std::abs(w.y)) / length;
                };
                if (offAxis(u, lengthU) > 0.26 || offAxis(v, lengthV) > 0.26) continue;
                bestClarity = weakest;
                best = cross(u, v) >= 0 ? std::array<RingMatch, 3>{corner, one, two}
                                        : std::array<RingMatch, 3>{corner, two, one};
            }
        }
    }
    return best;
}

}  // namespace

std::optional<std::array<cv::Point2f, 4>> finderPatternQuad(const cv::Mat& crop) {
    CV_Assert(crop.type() == CV_8UC1);
    FoundFinders found = findFinders(crop);
    if (auto quad = quadFrom(std::move(found.ringed))) return quad;
    return quadFrom(std::move(found.bare));
}

std::optional<std::array<cv::Point2f, 4>> finderRingsQuad(const cv::Mat& crop) {
    CV_Assert(crop.type() == CV_8UC1);
    if (crop.empty()) return std::nullopt;
    const double scale = static_cast<double>(kRingsWorkingSide) / std::max(crop.cols, crop.rows);
    cv::Mat working;
    cv::resize(crop, working, cv::Size(), scale, scale, scale > 1.0 ? cv::INTER_CUBIC : cv::INTER_AREA);
    const cv::Point2f middle(static_cast<float>(working.cols) / 2.0f,
                             static_cast<float>(working.rows) / 2.0f);
    const cv::Mat turn = cv::getRotationMatrix2D(middle, gridAngle(working) * 180.0 / CV_PI, 1.0);
    cv::Mat upright;
    cv::warpAffine(working, upright, turn, working.size(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    const auto triple = cornerTriple(ringMatches(upright));
    if (!triple) return std::nullopt;
    const auto& [corner, right, down] = *triple;
    const cv::Point2f across = unit(right.centre - corner.centre), along = unit(down.centre - corner.centre);
    // The code's corners lie 3.5 modules out from its finders' centres along both edges.
    const float half = static_cast<float>(3.5 * (corner.module + right.module + down.module) / 3.0);
    std::vector<cv::Point2f> quad = {corner.centre - half * (across + along),
                                     right.centre + half * (across - along),
                                     right.centre + down.centre - corner.centre + half * (across + along),
                                     down.centre + half * (along - across)};
    // Back through the turn, then the scaling.
    cv::Mat back;
    cv::invertAffineTransform(turn, back);
    back /= scale;
    cv::transform(quad, quad, back);
    return std::array<cv::Point2f, 4>{quad[0], quad[1], quad[2], quad[3]};
}

}  // namespace devices
