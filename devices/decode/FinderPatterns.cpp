// Finder patterns by contour nesting rather than ZXing's run scan: ZXing 1.4 does not expose its
// detector, and Debian's OpenCV has no objdetect module. Nesting holds under any rotation and under
// the perspective of a steeply tilted code, where run ratios along image rows drift.
#include "devices/decode/FinderPatterns.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
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
    // The fourth corner lies beyond the other two finders, not behind them, and not far off.
    const double diagonal = cv::norm(tr - bl);
    if (cv::norm(*br - tl) < 0.8 * diagonal || cv::norm(*br - tl) > 2.0 * diagonal) return std::nullopt;
    return std::array<cv::Point2f, 4>{tl, tr, *br, bl};
}

}  // namespace

std::optional<std::array<cv::Point2f, 4>> finderPatternQuad(const cv::Mat& crop) {
    CV_Assert(crop.type() == CV_8UC1);
    FoundFinders found = findFinders(crop);
    if (auto quad = quadFrom(std::move(found.ringed))) return quad;
    return quadFrom(std::move(found.bare));
}

}  // namespace devices
