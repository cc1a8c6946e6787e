// The module grid: a candidate dimension from how finder-like the corners and how regular the
// timing patterns are, then anchors (finder centres, timing modules, alignment patterns) found
// near their predicted places, a cubic map fitted through them, and the modules sampled along it.
#include "devices/decode/ModuleGrid.h"

#include "devices/decode/QrSymbol.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <optional>

namespace devices {

namespace {

constexpr int kQuietModules = 4;
constexpr int kDrawnModulePixels = 4;
constexpr int kMinDimension = 21;
constexpr int kMaxDimension = 177;
constexpr double kMinModulePixels = 2.0;  // below this the flattened image cannot show a module
constexpr double kMinFinderScore = 0.3;
// Grey levels between the darkest and lightest of five timing modules below which they show
// nothing (saturated by glare, or lost in shadow).
constexpr float kMinTimingContrast = 16.0f;
// A module sampled this light may be a dark one under glare: its reading says nothing.
constexpr float kSaturated = 248.0f;
// Grey levels glare must have lifted the darkest of a module's eight neighbours before a module
// short of white by kGlareMargin counts as dark (bench_scan --hard-only glare misses with the true
// rectification: modules wrongly read 24 -> 9, 42 -> 6, 28 -> 17 on seed 99). The eight, not the
// 5x5 the threshold's envelopes span: a glare spot's edge is a module or two wide, so the 5x5
// reaches modules glare never lifted. With the true grid, the glare frames of five seeds (200)
// read 183 -> 190, of 193 a reader knowing every unsaturated module could.
constexpr float kGlareLift = 40.0f;
constexpr float kGlareMargin = 15.0f;
// The blurs (Gaussian sigma, in modules) the equalised reading tries, and its rounds: on the
// small_turned_blur misses (defocus of 0.4-0.65 module) with the true rectification, the best fit
// left 0-11 of 841 modules wrong where the local mean left 92-135.
constexpr std::array<double, 4> kBlurs = {0.35, 0.5, 0.65, 0.8};
constexpr int kEqualiserRounds = 4;
constexpr int kEqualiserTrialRounds = 2;
constexpr std::size_t kRefinedDimensions = 4;
// How far (modules) and how far below its best match a pattern's plateau of equal matches is
// followed to find its middle.
constexpr double kPlateauReach = 0.6;
// Finder and alignment patterns found before the map may be cubic.
constexpr int kCubicPatterns = 6;
constexpr double kPlateauDrop = 0.03;

// Module coordinates (continuous, 0..n across the symbol as the code reads) to pixels of the
// flattened image: a cubic polynomial in each coordinate, over u = c/n - 1/2 and v = r/n - 1/2.
constexpr int kTerms = 10;
using Coefficients = std::array<double, kTerms>;

std::array<double, kTerms> monomials(double u, double v) {
    return {1, u, v, u * u, u * v, v * v, u * u * u, u * u * v, u * v * v, v * v * v};
}

struct GridMap {
    int n = 0;
    Coefficients x{}, y{};

    cv::Point2f operator()(double c, double r) const {
        const auto m = monomials(c / n - 0.5, r / n - 0.5);
        double px = 0, py = 0;
        for (int i = 0; i < kTerms; ++i) {
            px += x[static_cast<std::size_t>(i)] * m[static_cast<std::size_t>(i)];
            py += y[static_cast<std::size_t>(i)] * m[static_cast<std::size_t>(i)];
        }
        return {static_cast<float>(px), static_cast<float>(py)};
    }
};

// The flattened square as the rectification drew it: symbol corners at the inset, the code turned
// `turns` quarter turns clockwise (its finderless corner at bottom-right, bottom-left, top-left or
// top-right of the image for 0, 1, 2, 3).
GridMap straightMap(int n, float inset, float side, int turns) {
    const double span = side - 2.0 * inset;
    // Image-grid module coordinates as linear functions of (u, v) = code coordinates - 1/2.
    // turns 0: (u, v); 1: (-v, u); 2: (-u, -v); 3: (v, -u).
    static constexpr std::array<std::array<int, 4>, 4> kTurn = {{
        {1, 0, 0, 1},
        {0, -1, 1, 0},
        {-1, 0, 0, -1},
        {0, 1, -1, 0},
    }};
    const auto& t = kTurn[static_cast<std::size_t>(turns)];
    GridMap map;
    map.n = n;
    const double middle = inset + span / 2.0;
    map.x = {middle, t[0] * span, t[1] * span, 0, 0, 0, 0, 0, 0, 0};
    map.y = {middle, t[2] * span, t[3] * span, 0, 0, 0, 0, 0, 0, 0};
    return map;
}

float bilinear(const cv::Mat& gray, cv::Point2f at) {
    // A map fitted to bad anchors can put a point anywhere; off the image it reads as paper.
    if (!std::isfinite(at.x) || !std::isfinite(at.y)) return 255.0f;
    const float fx = std::clamp(at.x, 0.0f, static_cast<float>(gray.cols - 1) - 0.001f);
    const float fy = std::clamp(at.y, 0.0f, static_cast<float>(gray.rows - 1) - 0.001f);
    const int x0 = static_cast<int>(fx), y0 = static_cast<int>(fy);
    const float ax = fx - static_cast<float>(x0), ay = fy - static_cast<float>(y0);
    const uchar* top = gray.ptr<uchar>(y0);
    const uchar* bottom = gray.ptr<uchar>(std::min(y0 + 1, gray.rows - 1));
    const int x1 = std::min(x0 + 1, gray.cols - 1);
    return (1 - ay) * ((1 - ax) * top[x0] + ax * top[x1]) + ay * ((1 - ax) * bottom[x0] + ax * bottom[x1]);
}

// A module's grey: the centre and four points `radius` px round it, so one noisy pixel does not
// decide it.
float sampleAt(const cv::Mat& gray, cv::Point2f at, float radius) {
    return (bilinear(gray, at) + bilinear(gray, {at.x - radius, at.y}) +
            bilinear(gray, {at.x + radius, at.y}) + bilinear(gray, {at.x, at.y - radius}) +
            bilinear(gray, {at.x, at.y + radius})) /
           5.0f;
}

// Pearson correlation of darkness (255 - grey) with a pattern of 1 (dark) and 0 (light).
double correlation(const std::vector<float>& grey, const std::vector<int>& pattern) {
    const double count = static_cast<double>(grey.size());
    double sumG = 0, sumP = 0;
    for (std::size_t i = 0; i < grey.size(); ++i) {
        sumG += 255.0 - grey[i];
        sumP += pattern[i];
    }
    const double meanG = sumG / count, meanP = sumP / count;
    double cov = 0, varG = 0, varP = 0;
    for (std::size_t i = 0; i < grey.size(); ++i) {
        const double g = 255.0 - grey[i] - meanG, p = pattern[i] - meanP;
        cov += g * p;
        varG += g * g;
        varP += p * p;
    }
    return varG > 1e-6 && varP > 1e-6 ? cov / std::sqrt(varG * varP) : 0.0;
}

// A square pattern of (2 half + 1)^2 modules centred on code coordinates (cc, cr): where `map` puts
// its module centres, and which are dark.
struct PatternSamples {
    std::vector<cv::Point2f> points;
    std::vector<int> dark;
    std::vector<float> grey;  // scratch

    PatternSamples(const GridMap& map, double cc, double cr, int half, int (*isDark)(int, int)) {
        for (int dr = -half; dr <= half; ++dr) {
            for (int dc = -half; dc <= half; ++dc) {
                points.push_back(map(cc + dc, cr + dr));
                dark.push_back(isDark(dc, dr));
            }
        }
        grey.resize(points.size());
    }

    // How well the image matches the pattern moved by `shift` px.
    double score(const cv::Mat& gray, cv::Point2f shift) {
        for (std::size_t i = 0; i < points.size(); ++i)
            grey[i] = bilinear(gray, points[i] + shift);
        return correlation(grey, dark);
    }
};

// A point of the code found in the image. How much it counts in the fit: a finder centre is
// found over 49 modules, an alignment pattern over 25, a timing module over five.
enum class AnchorKind { Finder, Alignment, Timing };

struct Anchor {
    cv::Point2d module;  // code coordinates
    cv::Point2f pixel;
    AnchorKind kind = AnchorKind::Timing;

    double weight() const {
        switch (kind) {
            case AnchorKind::Finder: return 4.0;
            case AnchorKind::Alignment: return 3.0;
            case AnchorKind::Timing: return 1.0;
        }
        return 1.0;
    }
};

// Where a pattern centred on code coordinates (cc, cr) lies, within `reach` modules of where `map`
// puts it: a search every 0.4 module, then every 0.1 round the best. Empty below `minScore`.
std::optional<cv::Point2f> findPattern(const cv::Mat& gray, const GridMap& map, double cc, double cr,
                                       int half, int (*dark)(int, int), double reach, double minScore) {
    PatternSamples pattern(map, cc, cr, half, dark);
    const cv::Point2f alongC = map(cc + 0.5, cr) - map(cc - 0.5, cr);
    const cv::Point2f alongR = map(cc, cr + 0.5) - map(cc, cr - 0.5);
    const auto shiftOf = [&](double sc, double sr) {
        return alongC * static_cast<float>(sc) + alongR * static_cast<float>(sr);
    };
    double best = -2.0;
    cv::Point2d bestShift(0, 0);
    const int coarse = static_cast<int>(std::round(reach / 0.4));
    for (int j = -coarse; j <= coarse; ++j) {
        for (int i = -coarse; i <= coarse; ++i) {
            const double score = pattern.score(gray, shiftOf(0.4 * i, 0.4 * j));
            if (score > best) {
                best = score;
                bestShift = {0.4 * i, 0.4 * j};
            }
        }
    }
    const cv::Point2d around = bestShift;
    for (int j = -2; j <= 2; ++j) {
        for (int i = -2; i <= 2; ++i) {
            const cv::Point2d shift = around + cv::Point2d(0.1 * i, 0.1 * j);
            const double score = pattern.score(gray, shiftOf(shift.x, shift.y));
            if (score > best) {
                best = score;
                bestShift = shift;
            }
        }
    }
    if (best < minScore) return std::nullopt;
    // Sampled at module centres, a sharp pattern matches equally well anywhere within half a
    // module of its true place, and the search above keeps the first shift of that plateau: a
    // bias of up to 0.4 module towards the top left, which bends the fitted grid. Take the middle
    // of the plateau along each axis instead.
    const auto middleAlong = [&](cv::Point2d step) {
        double low = 0, high = 0;
        while (low > -kPlateauReach &&
               pattern.score(gray, shiftOf(bestShift.x + (low - 0.1) * step.x,
                                           bestShift.y + (low - 0.1) * step.y)) >= best - kPlateauDrop)
            low -= 0.1;
        while (high < kPlateauReach &&
               pattern.score(gray, shiftOf(bestShift.x + (high + 0.1) * step.x,
                                           bestShift.y + (high + 0.1) * step.y)) >= best - kPlateauDrop)
            high += 0.1;
        return (low + high) / 2.0;
    };
    const double alongColumns = middleAlong({1, 0}), alongRows = middleAlong({0, 1});
    bestShift += cv::Point2d(alongColumns, alongRows);
    return map(cc, cr) + shiftOf(bestShift.x, bestShift.y);
}

// The timing modules along row 6 (or column 6), followed from the top-left finder outwards: each
// is looked for within a third of a module of where the one before it ended up (half a module for
// the first), so a drift that grows along a bent code is followed. Each position is where five
// alternating modules round it match best. `quality` is their mean correlation with the
// alternation, 0 when the track ends far from where the far finder says it should (the wrong
// dimension, or no timing pattern there).
struct TimingTrack {
    std::vector<Anchor> anchors;
    double quality = 0.0;
};

TimingTrack trackTiming(const cv::Mat& gray, const GridMap& map, bool column) {
    const int n = map.n;
    const auto at = [&](double i) { return column ? map(6.5, i) : map(i, 6.5); };
    const float radius = static_cast<float>(std::max(0.5, 0.2 * cv::norm(at(1) - at(0))));
    TimingTrack track;
    double drift = 0.0;  // modules along the line
    double total = 0.0;
    std::vector<float> grey;
    std::vector<int> pattern;
    for (int i = 8; i <= n - 9; ++i) {
        double best = -2.0, bestDrift = drift;
        const double reach = i == 8 ? 0.5 : 0.3;
        for (double d = drift - reach; d <= drift + reach + 1e-9; d += 0.1) {
            grey.clear();
            pattern.clear();
            for (int module = std::max(7, i - 2); module <= std::min(n - 8, i + 2); ++module) {
                grey.push_back(sampleAt(gray, at(module + 0.5 + d), radius));
                pattern.push_back(module % 2 == 0 ? 1 : 0);
            }
            const auto [lowest, highest] = std::minmax_element(grey.begin(), grey.end());
            if (*highest - *lowest < kMinTimingContrast) continue;
            const double score = correlation(grey, pattern);
            if (score > best) {
                best = score;
                bestDrift = d;
            }
        }
        // Where glare or a shadow leaves no contrast, the track goes on straight, with no anchor.
        if (best < -1.0) continue;
        drift = bestDrift;
        total += best;
        const double index = i + 0.5;
        track.anchors.push_back({column ? cv::Point2d(6.5, index) : cv::Point2d(index, 6.5),
                                 at(index + drift), AnchorKind::Timing});
    }
    if (std::abs(drift) > 0.5 || track.anchors.empty()) return {};
    // Modules lost to glare count as unmatched, so a line mostly under glare does not rank high.
    track.quality = total / static_cast<double>(n - 16);
    return track;
}

// Least squares for the map through the anchors, as a change to `prior`. As many terms as the
// anchors can carry: three finder centres fix an affine change, a few more a quadratic one, and the
// full cubic needs the timing modules or alignment patterns (with too few anchors, the free
// cubic terms bend the map wildly between them). A small ridge keeps a term that the anchors'
// layout leaves free (both timing lines give no u^2 v, say) at the prior's value.
constexpr double kRidge = 1e-4;

GridMap fitMap(const GridMap& prior, const std::vector<Anchor>& anchors) {
    // A cubic only with patterns spread over the symbol: timing modules lie along two edges, and a
    // cubic through them alone swings a module or more off in the far quarter.
    const auto spread = std::count_if(anchors.begin(), anchors.end(),
                                      [](const Anchor& anchor) { return anchor.kind != AnchorKind::Timing; });
    const int terms = anchors.size() >= 12 && spread >= kCubicPatterns ? kTerms : anchors.size() >= 6 ? 6 : 3;
    cv::Mat normal = cv::Mat::zeros(terms, terms, CV_64F);
    cv::Mat rhsX = cv::Mat::zeros(terms, 1, CV_64F), rhsY = cv::Mat::zeros(terms, 1, CV_64F);
    const int n = prior.n;
    for (const Anchor& anchor : anchors) {
        const auto m = monomials(anchor.module.x / n - 0.5, anchor.module.y / n - 0.5);
        const cv::Point2f predicted = prior(anchor.module.x, anchor.module.y);
        const double dx = anchor.pixel.x - predicted.x, dy = anchor.pixel.y - predicted.y;
        for (int i = 0; i < terms; ++i) {
            const double wi = anchor.weight() * m[static_cast<std::size_t>(i)];
            rhsX.at<double>(i) += wi * dx;
            rhsY.at<double>(i) += wi * dy;
            for (int j = 0; j < terms; ++j)
                normal.at<double>(i, j) += wi * m[static_cast<std::size_t>(j)];
        }
    }
    for (int i = 0; i < terms; ++i)
        normal.at<double>(i, i) += kRidge;
    cv::Mat deltaX, deltaY;
    GridMap fitted = prior;
    if (!cv::solve(normal, rhsX, deltaX, cv::DECOMP_CHOLESKY) ||
        !cv::solve(normal, rhsY, deltaY, cv::DECOMP_CHOLESKY))
        return prior;
    for (int i = 0; i < terms; ++i) {
        fitted.x[static_cast<std::size_t>(i)] += deltaX.at<double>(i);
        fitted.y[static_cast<std::size_t>(i)] += deltaY.at<double>(i);
    }
    return fitted;
}

// Modules as read from their samples: dark or not, and how sure (0: a module glare has pushed to
// white could be either).
struct ModuleReading {
    cv::Mat dark;        // CV_8U, 1 dark
    cv::Mat confidence;  // CV_32F
};

// Each module against the mean of the modules round it (about 15 across, never beyond the
// symbol): glare and shadow shift whole areas of the code. Sure by how far it stands from that
// mean in the neighbourhood's own spread.
ModuleReading againstLocalMean(const cv::Mat& samples) {
    const int n = samples.rows;
    cv::Mat localMean, localSpread;
    const int window = std::min(n, 15) | 1;
    cv::blur(samples, localMean, cv::Size(window, window), cv::Point(-1, -1), cv::BORDER_REFLECT);
    const cv::Mat offset = samples - localMean;
    cv::blur(offset.mul(offset), localSpread, cv::Size(window, window), cv::Point(-1, -1),
             cv::BORDER_REFLECT);
    cv::sqrt(localSpread, localSpread);
    ModuleReading reading{cv::Mat(n, n, CV_8U), cv::Mat(n, n, CV_32F)};
    for (int r = 0; r < n; ++r) {
        for (int c = 0; c < n; ++c) {
            const float value = samples.at<float>(r, c), off = offset.at<float>(r, c);
            reading.dark.at<uchar>(r, c) = off < 0 ? 1 : 0;
            reading.confidence.at<float>(r, c) =
                value >= kSaturated ? 0.0f : std::abs(off) / std::max(localSpread.at<float>(r, c), 1.0f);
        }
    }
    return reading;
}

// Each module against the midpoint of the darkest and lightest modules within two of it: glare
// adds light unevenly and any 5x5 modules of a code hold both colours. Where glare has saturated
// the light modules and lifted even the darkest ones nearby, the dark modules it lifted further
// stand out only as short of white: there a module is dark unless within kGlareMargin of the
// lightest of its neighbours. Sure by the grey levels between the module and its threshold, since
// the sensor's noise is what turns a module over.
ModuleReading betweenEnvelopes(const cv::Mat& samples) {
    const int n = samples.rows;
    const cv::Mat square = cv::getStructuringElement(cv::MORPH_RECT, cv::Size(5, 5));
    const cv::Mat neighbours = cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3));
    cv::Mat darkest, lightest, darkestNear, lightestNear;
    cv::erode(samples, darkest, square, cv::Point(-1, -1), 1, cv::BORDER_REPLICATE);
    cv::dilate(samples, lightest, square, cv::Point(-1, -1), 1, cv::BORDER_REPLICATE);
    cv::erode(samples, darkestNear, neighbours, cv::Point(-1, -1), 1, cv::BORDER_REPLICATE);
    cv::dilate(samples, lightestNear, neighbours, cv::Point(-1, -1), 1, cv::BORDER_REPLICATE);
    cv::Mat middle = (darkest + lightest) * 0.5;
    cv::blur(middle, middle, cv::Size(3, 3), cv::Point(-1, -1), cv::BORDER_REPLICATE);
    // The code's dark level away from glare: a tenth of a code's modules are always darker.
    cv::Mat sorted = samples.reshape(1, 1).clone();
    cv::sort(sorted, sorted, cv::SORT_ASCENDING);
    const float darkLevel = sorted.at<float>(0, sorted.cols / 10);
    ModuleReading reading{cv::Mat(n, n, CV_8U), cv::Mat(n, n, CV_32F)};
    for (int r = 0; r < n; ++r) {
        for (int c = 0; c < n; ++c) {
            const float value = samples.at<float>(r, c), light = lightestNear.at<float>(r, c);
            float threshold = middle.at<float>(r, c);
            if (light >= kSaturated && darkestNear.at<float>(r, c) - darkLevel > kGlareLift)
                threshold = std::max(threshold, light - kGlareMargin);
            reading.dark.at<uchar>(r, c) = value < threshold ? 1 : 0;
            reading.confidence.at<float>(r, c) = value >= kSaturated ? 0.0f : std::abs(value - threshold);
        }
    }
    return reading;
}

// A blurred code spreads each module into its neighbours: a light module among dark ones samples
// dark, and no threshold on its own sample reads it. Model every sample as the code's light and
// dark levels (planar across the symbol) mixed by a Gaussian blur of the modules round it (the
// quiet zone light), fit the levels to the current reading by least squares, and read each module
// again against what its neighbours, as read, add to its sample; a few rounds. `blur` is the
// Gaussian's sigma in modules; `residual` gets the fit's RMS error in grey levels.
ModuleReading equalisedAt(const cv::Mat& samples, const cv::Mat& initialDark, double blur, int rounds,
                          double& residual) {
    const int n = samples.rows;
    constexpr int kReach = 2;
    constexpr int kSide = 2 * kReach + 1;
    cv::Mat kernel(kSide, kSide, CV_64F);
    for (int i = 0; i < kSide; ++i)
        for (int j = 0; j < kSide; ++j)
            kernel.at<double>(i, j) =
                std::exp(-((i - kReach) * (i - kReach) + (j - kReach) * (j - kReach)) / (2.0 * blur * blur));
    kernel /= cv::sum(kernel)[0];
    const double own = kernel.at<double>(kReach, kReach);
    // 1 light, 0 dark, padded with the light quiet zone.
    cv::Mat light(n + 2 * kReach, n + 2 * kReach, CV_64F, cv::Scalar(1.0));
    cv::Mat inner = light(cv::Rect(kReach, kReach, n, n));
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c)
            inner.at<double>(r, c) = initialDark.at<uchar>(r, c) ? 0.0 : 1.0;
    ModuleReading reading{cv::Mat(n, n, CV_8U), cv::Mat(n, n, CV_32F)};
    for (int round = 0; round < rounds; ++round) {
        cv::Mat spread;
        cv::filter2D(light, spread, CV_64F, kernel, cv::Point(-1, -1), 0, cv::BORDER_CONSTANT);
        spread = spread(cv::Rect(kReach, kReach, n, n)).clone();
        // sample = a0 + a1 u + a2 v + (b0 + b1 u + b2 v) * spread, by the normal equations.
        cv::Matx66d normal = cv::Matx66d::zeros();
        cv::Vec6d rhs = cv::Vec6d::all(0.0);
        double sumSquares = 0.0;
        const auto terms = [&](int r, int c) {
            const double u = (c + 0.5) / n - 0.5, v = (r + 0.5) / n - 0.5, m = spread.at<double>(r, c);
            return cv::Vec6d(1.0, u, v, m, m * u, m * v);
        };
        for (int r = 0; r < n; ++r) {
            for (int c = 0; c < n; ++c) {
                const cv::Vec6d t = terms(r, c);
                const double sample = samples.at<float>(r, c);
                normal += t * t.t();
                rhs += sample * t;
                sumSquares += sample * sample;
            }
        }
        for (int i = 0; i < 6; ++i)
            normal(i, i) += 1e-6;
        cv::Vec6d p;
        if (!cv::solve(normal, rhs, p, cv::DECOMP_SVD)) break;
        // RMS residual from the normal equations: |y|^2 - p . rhs.
        residual = std::sqrt(std::max(0.0, sumSquares - p.dot(rhs)) / (n * n));
        for (int r = 0; r < n; ++r) {
            for (int c = 0; c < n; ++c) {
                const double u = (c + 0.5) / n - 0.5, v = (r + 0.5) / n - 0.5;
                const double base = p[0] + p[1] * u + p[2] * v, contrast = p[3] + p[4] * u + p[5] * v;
                const double others = spread.at<double>(r, c) - own * inner.at<double>(r, c);
                const double middle = base + contrast * (others + own / 2.0);
                const float sample = samples.at<float>(r, c);
                const bool isLight = contrast > 0 ? sample > middle : sample < middle;
                inner.at<double>(r, c) = isLight ? 1.0 : 0.0;
                reading.dark.at<uchar>(r, c) = isLight ? 0 : 1;
                reading.confidence.at<float>(r, c) =
                    sample >= kSaturated ? 0.0f
                                         : static_cast<float>(std::abs(sample - middle) /
                                                              std::max(1e-6, std::abs(contrast) * own));
            }
        }
    }
    return reading;
}

// The equalised reading at the blur that fits the samples best: each blur gets
// kEqualiserTrialRounds from the plain reading, the best of them the rest.
ModuleReading equalised(const cv::Mat& samples, const cv::Mat& initialDark) {
    ModuleReading best;
    double bestBlur = kBlurs.front(), bestResidual = std::numeric_limits<double>::max();
    for (double blur : kBlurs) {
        double residual = std::numeric_limits<double>::max();
        ModuleReading reading = equalisedAt(samples, initialDark, blur, kEqualiserTrialRounds, residual);
        if (residual < bestResidual) {
            bestResidual = residual;
            bestBlur = blur;
            best = std::move(reading);
        }
    }
    double residual = 0;
    return equalisedAt(samples, best.dark, bestBlur, kEqualiserRounds - kEqualiserTrialRounds, residual);
}

// A dimension's grid: how likely, and the map from module to pixel.
struct Candidate {
    double score = 0;
    GridMap map;
};

// Every module's grey level where `map` puts its centre.
cv::Mat sampledModules(const cv::Mat& gray, const GridMap& map) {
    const int n = map.n;
    const float radius = static_cast<float>(std::max(0.5, 0.15 * cv::norm(map(1, 0) - map(0, 0))));
    cv::Mat samples(n, n, CV_32F);
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c)
            samples.at<float>(r, c) = sampleAt(gray, map(c + 0.5, r + 0.5), radius);
    return samples;
}

// The modules corrected codeword by codeword (QrSymbol.h) from the first reading that allows it,
// cheapest first; failing every reading, the modules as read against the local mean, for ZXing's
// own correction to try.
RedrawnCode redraw(const cv::Mat& gray, const Candidate& candidate) {
    const int n = candidate.map.n;
    const GridMap& map = candidate.map;
    const cv::Mat samples = sampledModules(gray, map);
    const ModuleReading byMean = againstLocalMean(samples);
    std::optional<cv::Mat> corrected = correctedModules(byMean.dark, byMean.confidence);
    if (!corrected) {
        const ModuleReading byEnvelope = betweenEnvelopes(samples);
        corrected = correctedModules(byEnvelope.dark, byEnvelope.confidence);
    }
    if (!corrected) {
        const ModuleReading deblurred = equalised(samples, byMean.dark);
        corrected = correctedModules(deblurred.dark, deblurred.confidence);
    }
    const cv::Mat fixed = functionPatterns(n);
    const int side = n + 2 * kQuietModules;
    cv::Mat modules(side, side, CV_8U, cv::Scalar(255));
    for (int r = 0; r < n; ++r) {
        for (int c = 0; c < n; ++c) {
            const schar known = fixed.at<schar>(r, c);
            const bool isDark = corrected    ? corrected->at<uchar>(r, c) != 0
                                : known >= 0 ? known == 1
                                             : byMean.dark.at<uchar>(r, c) != 0;
            modules.at<uchar>(r + kQuietModules, c + kQuietModules) = isDark ? 0 : 255;
        }
    }
    RedrawnCode code;
    cv::resize(modules, code.image, cv::Size(), kDrawnModulePixels, kDrawnModulePixels, cv::INTER_NEAREST);
    code.dimension = n;
    const float near = static_cast<float>(kQuietModules * kDrawnModulePixels);
    const float far = static_cast<float>((kQuietModules + n) * kDrawnModulePixels);
    code.imageCorners = {cv::Point2f(near, near), cv::Point2f(far, near), cv::Point2f(far, far),
                         cv::Point2f(near, far)};
    code.flatCorners = {map(0, 0), map(n, 0), map(n, n), map(0, n)};
    return code;
}

// The grid for dimension n: the finder centres, then the timing modules between them, then the
// alignment patterns outwards from the top-left finder, a diagonal at a time; each is looked for
// along the map the anchors found so far give (near the finders the homography is right, but the
// far corner of a bent code can be modules off it).
Candidate fittedGrid(const cv::Mat& flat, const GridMap& prior, double finderScore) {
    const int n = prior.n;
    std::vector<Anchor> anchors;
    for (const auto& [c, r] : {std::pair{3.5, 3.5}, std::pair{n - 3.5, 3.5}, std::pair{3.5, n - 3.5}}) {
        if (auto at = findPattern(flat, prior, c, r, 3, finderDark, 1.0, 0.5))
            anchors.push_back({{c, r}, *at, AnchorKind::Finder});
    }
    GridMap map = fitMap(prior, anchors);
    double timing = 0.0;
    for (bool column : {false, true}) {
        TimingTrack track = trackTiming(flat, map, column);
        timing += track.quality / 2.0;
        anchors.insert(anchors.end(), track.anchors.begin(), track.anchors.end());
    }
    map = fitMap(prior, anchors);
    const auto positions = alignmentPositions((n - 17) / 4);
    const int count = static_cast<int>(positions.size());
    int alignmentsFound = 0, alignmentsLookedFor = 0;
    for (int diagonal = 1; diagonal <= 2 * (count - 1); ++diagonal) {
        bool found = false;
        for (int i = std::max(0, diagonal - count + 1); i <= std::min(diagonal, count - 1); ++i) {
            const int a = positions[static_cast<std::size_t>(i)];
            const int b = positions[static_cast<std::size_t>(diagonal - i)];
            if (underFinder(a, b, n)) continue;
            ++alignmentsLookedFor;
            // Where the anchors so far put it, else where the rectification alone does: timing
            // modules run along two edges only, and a map through them can miss the far corner
            // by more than the search reaches.
            auto at = findPattern(flat, map, a + 0.5, b + 0.5, 2, alignmentDark, 1.2, 0.5);
            if (!at) at = findPattern(flat, prior, a + 0.5, b + 0.5, 2, alignmentDark, 1.2, 0.5);
            if (at) {
                ++alignmentsFound;
                anchors.push_back({{a + 0.5, b + 0.5}, *at, AnchorKind::Alignment});
                found = true;
            }
        }
        if (found) map = fitMap(prior, anchors);
    }
    // The timing modules once more, along the map the alignment patterns have straightened: the
    // first track, along a map fitted to the finders alone, can slip a module in the middle of a
    // strong bend.
    std::erase_if(anchors, [](const Anchor& anchor) { return anchor.kind == AnchorKind::Timing; });
    timing = 0.0;
    for (bool column : {false, true}) {
        TimingTrack track = trackTiming(flat, map, column);
        timing += track.quality / 2.0;
        anchors.insert(anchors.end(), track.anchors.begin(), track.anchors.end());
    }
    map = fitMap(prior, anchors);
    // At a wrong dimension the alignment patterns are mostly not where the standard puts them.
    // Version 1 has none: neither for nor against it.
    const double alignments =
        alignmentsLookedFor > 0 ? static_cast<double>(alignmentsFound) / alignmentsLookedFor : 0.5;
    return {finderScore + timing + 0.5 * alignments, map};
}

}  // namespace

std::vector<RedrawnCode> redrawnCodes(const cv::Mat& flat, float inset, int maxCandidates) {
    CV_Assert(flat.type() == CV_8UC1);
    const float side = static_cast<float>(std::min(flat.cols, flat.rows));
    const double span = side - 2.0 * inset;
    // How finder-like each corner is under the homography, for every dimension that fits. The
    // corner with no finder is the code's bottom-right: the one that looks least like a finder at
    // any dimension (at a single dimension, a bend can push a real finder off its predicted place).
    std::vector<std::pair<int, std::array<double, 4>>> scores;
    std::array<double, 4> bestOfCorner = {-2.0, -2.0, -2.0, -2.0};
    for (int n = kMinDimension; n <= kMaxDimension && span / n >= kMinModulePixels; n += 4) {
        const GridMap upright = straightMap(n, inset, side, 0);
        const std::array<cv::Point2d, 4> corners = {cv::Point2d(3.5, 3.5), cv::Point2d(n - 3.5, 3.5),
                                                    cv::Point2d(n - 3.5, n - 3.5), cv::Point2d(3.5, n - 3.5)};
        std::array<double, 4> finders{};
        for (std::size_t i = 0; i < 4; ++i) {
            finders[i] = PatternSamples(upright, corners[i].x, corners[i].y, 3, finderDark).score(flat, {});
            bestOfCorner[i] = std::max(bestOfCorner[i], finders[i]);
        }
        scores.emplace_back(n, finders);
    }
    const auto weakest = static_cast<std::size_t>(std::min_element(bestOfCorner.begin(), bestOfCorner.end()) -
                                                  bestOfCorner.begin());
    static constexpr std::array<int, 4> kTurnsFor = {2, 3, 0, 1};  // image corner TL, TR, BR, BL
    // Dimensions whose other three corners look like finder patterns: a bend squeezes the finders
    // at the bent edges, so the bar is low and the best few go on.
    std::vector<Candidate> likely;
    for (const auto& [n, finders] : scores) {
        double finderScore = 0;
        for (std::size_t i = 0; i < 4; ++i)
            if (i != weakest) finderScore += finders[i] / 3.0;
        if (finderScore >= kMinFinderScore)
            likely.push_back({finderScore, straightMap(n, inset, side, kTurnsFor[weakest])});
    }
    std::sort(likely.begin(), likely.end(),
              [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
    if (likely.size() > kRefinedDimensions) likely.resize(kRefinedDimensions);
    std::vector<Candidate> fitted;
    for (const Candidate& candidate : likely)
        fitted.push_back(fittedGrid(flat, candidate.map, candidate.score));
    std::sort(fitted.begin(), fitted.end(),
              [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
    std::vector<RedrawnCode> codes;
    for (const Candidate& candidate : fitted) {
        if (codes.size() >= static_cast<std::size_t>(maxCandidates)) break;
        codes.push_back(redraw(flat, candidate));
    }
    return codes;
}

}  // namespace devices
