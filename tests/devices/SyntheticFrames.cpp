// Renders the synthetic camera-like QR set. Every random choice comes from one cv::RNG (its
// sequence is fixed across platforms), so a seed always gives the same pixels on Debian 12.
// All personal-looking data is invented from short lists of common name parts.
#include "SyntheticFrames.h"

#include "devices/decode/QrSymbol.h"

#include <ZXing/BarcodeFormat.h>
#include <ZXing/BitMatrix.h>
#include <ZXing/CharacterSet.h>
#include <ZXing/DecodeHints.h>
#include <ZXing/ImageView.h>
#include <ZXing/MultiFormatWriter.h>
#include <ZXing/ReadBarcode.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <optional>
#include <stdexcept>

namespace devices::synth {
namespace {

constexpr int kFrameWidth = 1280;
constexpr int kFrameHeight = 720;
constexpr double kPi = 3.14159265358979323846;

template <class T, std::size_t N>
const T& pick(const std::array<T, N>& items, cv::RNG& rng) {
    return items[static_cast<std::size_t>(rng.uniform(0, static_cast<int>(N)))];
}

std::string digits(int count, cv::RNG& rng) {
    std::string out;
    for (int i = 0; i < count; ++i)
        out += static_cast<char>('0' + rng.uniform(0, 10));
    return out;
}

std::string twoDigits(int value) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%02d", value);
    return buffer;
}

std::string date(cv::RNG& rng, int fromYear, int toYear) {
    return twoDigits(rng.uniform(1, 29)) + twoDigits(rng.uniform(1, 13)) +
           std::to_string(rng.uniform(fromYear, toYear + 1));
}

// EMVCo TLV field: two-digit id, two-digit length, value.
std::string tlv(const std::string& id, const std::string& value) {
    return id + twoDigits(static_cast<int>(value.size())) + value;
}

// CRC-16/CCITT-FALSE as EMVCo requires for field 63.
std::string emvCrc(const std::string& data) {
    unsigned crc = 0xFFFF;
    for (unsigned char c : data) {
        crc ^= static_cast<unsigned>(c) << 8;
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc & 0x8000) ? ((crc << 1) ^ 0x1021) : (crc << 1);
        crc &= 0xFFFF;
    }
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04X", crc);
    return buffer;
}

std::string vietQr(cv::RNG& rng) {
    // Bank identification numbers are public institution codes; account numbers are random.
    static const std::array<std::string, 5> kBins = {"970436", "970415", "970418", "970405", "970422"};
    static const std::array<std::string, 5> kPurposes = {"Thanh toan le phi", "Nop phi cap ban sao",
                                                         "Phi chung thuc", "Thanh toan hoa don",
                                                         "Ung ho quy khuyen hoc"};
    const bool dynamic = rng.uniform(0, 2) == 1;
    std::string beneficiary = tlv("00", pick(kBins, rng)) + tlv("01", digits(rng.uniform(8, 15), rng));
    std::string account = tlv("00", "A000000727") + tlv("01", beneficiary) + tlv("02", "QRIBFTTA");
    std::string out =
        tlv("00", "01") + tlv("01", dynamic ? "12" : "11") + tlv("38", account) + tlv("53", "704");
    if (dynamic) out += tlv("54", std::to_string(rng.uniform(1, 500) * 1000));
    out += tlv("58", "VN");
    if (rng.uniform(0, 2) == 1)
        out += tlv("62", tlv("08", pick(kPurposes, rng) + " " + digits(rng.uniform(3, 7), rng)));
    out += "6304";
    return out + emvCrc(out);
}

std::string cccd(cv::RNG& rng) {
    static const std::array<std::string, 8> kFamily = {"Nguyễn", "Trần", "Lê",   "Phạm",
                                                       "Hoàng",  "Vũ",   "Đặng", "Bùi"};
    static const std::array<std::string, 6> kMiddle = {"Văn", "Thị", "Hữu", "Minh", "Ngọc", "Đức"};
    static const std::array<std::string, 8> kGiven = {"An",   "Bình", "Châu", "Dũng",
                                                      "Hạnh", "Lan",  "Sơn",  "Thảo"};
    static const std::array<std::string, 4> kPlaces = {"Thôn 3, Xã An Bình, Huyện Phú Lộc, Tỉnh Thừa Hải",
                                                       "Tổ 7, Phường Đông Hòa, Thành phố Sơn Lâm",
                                                       "Xóm Mới, Xã Tân Phú, Huyện Kim Sơn, Tỉnh Ninh Hải",
                                                       "Ấp 2, Xã Long Hưng, Huyện Châu Thành, Tỉnh Mỹ An"};
    std::string name = pick(kFamily, rng) + " " + pick(kMiddle, rng) + " " + pick(kGiven, rng);
    std::string oldId = rng.uniform(0, 2) == 1 ? digits(9, rng) : std::string();
    return "0" + digits(11, rng) + "|" + oldId + "|" + name + "|" + date(rng, 1950, 2005) + "|" +
           (rng.uniform(0, 2) == 1 ? "Nam" : "Nữ") + "|" + pick(kPlaces, rng) + "|" + date(rng, 2021, 2024);
}

std::string url(cv::RNG& rng) {
    switch (rng.uniform(0, 3)) {
        case 0:
            return "https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html?ma_ho_so=H" + digits(2, rng) +
                   "." + digits(2, rng) + "-" + digits(6, rng) + "-" + digits(4, rng);
        case 1: return "https://xa-anbinh.example.vn/thu-tuc/" + digits(5, rng) + "?lang=vi";
        default: return "https://example.vn/lich-hen?ma=" + digits(8, rng);
    }
}

std::string vietnameseText(cv::RNG& rng) {
    static const std::array<std::string, 6> kSentences = {
        "Xin chào! Đây là mã QR thử nghiệm của Trung tâm phục vụ hành chính công xã.",
        "Giờ làm việc: 7h30–11h30 và 13h30–17h00, từ thứ Hai đến thứ Sáu.",
        "Vui lòng mang theo căn cước và giấy tờ liên quan khi đến làm thủ tục.",
        "Số thứ tự của bạn sẽ được gọi trên màn hình.",
        "Đăng ký khai sinh, kết hôn, chứng thực bản sao.",
        "Hỏi đáp: gọi tổng đài hỗ trợ hoặc nhờ tình nguyện viên."};
    std::string out = pick(kSentences, rng);
    if (rng.uniform(0, 2) == 1) out += " " + pick(kSentences, rng);
    return out + " #" + digits(3, rng);
}

bool isAscii(const std::string& text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// The code as one byte per module (0 dark, 255 light), quiet zone included.
cv::Mat renderModules(const std::string& text, int eccLevel, int quietZone) {
    ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::QRCode);
    writer.setMargin(quietZone).setEccLevel(eccLevel);
    // ASCII payloads (EMVCo, URLs) are written without ECI as real apps do; Vietnamese needs UTF-8.
    if (!isAscii(text)) writer.setEncoding(ZXing::CharacterSet::UTF8);
    ZXing::BitMatrix bits = writer.encode(text, 0, 0);
    cv::Mat modules(bits.height(), bits.width(), CV_8U);
    for (int y = 0; y < bits.height(); ++y)
        for (int x = 0; x < bits.width(); ++x)
            modules.at<std::uint8_t>(y, x) = bits.get(x, y) ? 0 : 255;
    return modules;
}

// A plausible counter or desk seen by the kiosk camera: shaded surface plus clutter with edges.
cv::Mat background(cv::RNG& rng) {
    const cv::Scalar base(rng.uniform(60, 200), rng.uniform(60, 200), rng.uniform(60, 200));
    // A gentle left-to-right shading, like a desk lit from one side.
    cv::Mat ramp(1, kFrameWidth, CV_32F);
    const double slope = rng.uniform(-0.25, 0.25);
    for (int x = 0; x < kFrameWidth; ++x)
        ramp.at<float>(0, x) = static_cast<float>(1.0 + slope * (x - kFrameWidth / 2) / kFrameWidth);
    cv::Mat shade;
    cv::repeat(ramp, kFrameHeight, 1, shade);
    cv::cvtColor(shade, shade, cv::COLOR_GRAY2BGR);
    cv::Mat frame;
    cv::multiply(shade, base, shade);
    shade.convertTo(frame, CV_8UC3);
    const int shapes = rng.uniform(6, 15);
    for (int i = 0; i < shapes; ++i) {
        const cv::Scalar color(rng.uniform(0, 256), rng.uniform(0, 256), rng.uniform(0, 256));
        const cv::Point a(rng.uniform(0, kFrameWidth), rng.uniform(0, kFrameHeight));
        const cv::Point b(rng.uniform(0, kFrameWidth), rng.uniform(0, kFrameHeight));
        switch (rng.uniform(0, 4)) {
            case 0: cv::rectangle(frame, a, b, color, cv::FILLED, cv::LINE_AA); break;
            case 1: cv::circle(frame, a, rng.uniform(10, 120), color, cv::FILLED, cv::LINE_AA); break;
            case 2: cv::line(frame, a, b, color, rng.uniform(1, 8), cv::LINE_AA); break;
            default:
                cv::putText(frame, "UBND XA " + digits(4, rng), a, cv::FONT_HERSHEY_SIMPLEX,
                            rng.uniform(0.6, 2.0), color, rng.uniform(1, 4), cv::LINE_AA);
                break;
        }
    }
    return frame;
}

struct Geometry {
    double modulePixels = 4.0;  // module size in the frame, before perspective
    double inPlaneDegrees = 0.0;
    double tiltDegrees = 0.0;  // out-of-plane rotation, about a random axis in the code's plane
};

// Corners (tl, tr, br, bl) of a square of side `side` posed in 3D and seen by a pinhole camera.
std::array<cv::Point2f, 4> posedCorners(double side, const Geometry& geometry, cv::RNG& rng) {
    const double focal = 900.0;  // a typical 1280x720 webcam, ~70 degrees horizontal field of view
    const double roll = geometry.inPlaneDegrees * kPi / 180.0;
    const double tilt = geometry.tiltDegrees * kPi / 180.0;
    const double axis = rng.uniform(0.0, 2.0 * kPi);
    const cv::Vec3d k(std::cos(axis), std::sin(axis), 0.0);  // Rodrigues rotation about k by tilt
    std::array<cv::Point2f, 4> corners;
    const double h = side / 2.0;
    const std::array<cv::Vec2d, 4> square = {cv::Vec2d{-h, -h}, {h, -h}, {h, h}, {-h, h}};
    for (std::size_t i = 0; i < 4; ++i) {
        const double x = square[i][0] * std::cos(roll) - square[i][1] * std::sin(roll);
        const double y = square[i][0] * std::sin(roll) + square[i][1] * std::cos(roll);
        const cv::Vec3d v(x, y, 0.0);
        const cv::Vec3d r =
            v * std::cos(tilt) + k.cross(v) * std::sin(tilt) + k * (k.dot(v) * (1 - std::cos(tilt)));
        const double depth = focal + r[2];
        corners[i] =
            cv::Point2f(static_cast<float>(focal * r[0] / depth), static_cast<float>(focal * r[1] / depth));
    }
    return corners;
}

// Warps the code patch onto the frame with anti-aliased edges. `light`/`dark` are the module
// colours as the camera would see them before lighting effects.
// Bends a flat patch round a vertical cylinder seen from the front: columns near the edges crowd
// together (the paper turns away) and shrink vertically (they are further from the camera).
// `halfArc` is the angle the half-width wraps round the cylinder; 0 leaves the patch flat.
void bendRoundCylinder(cv::Mat& patch, cv::Mat& alpha, double halfArc, double focalInPatchPixels) {
    if (halfArc <= 0.0) return;
    const double h = patch.cols / 2.0, radius = h / std::sin(halfArc), cy = patch.rows / 2.0;
    cv::Mat mapX(patch.size(), CV_32F), mapY(patch.size(), CV_32F);
    for (int y = 0; y < patch.rows; ++y) {
        for (int x = 0; x < patch.cols; ++x) {
            const double theta = std::asin(std::clamp((x + 0.5 - h) / radius, -1.0, 1.0));
            const double depth = radius * (1.0 - std::cos(theta));
            const double shrink = focalInPatchPixels / (focalInPatchPixels + depth);
            mapX.at<float>(y, x) = static_cast<float>(h + theta / halfArc * h - 0.5);
            mapY.at<float>(y, x) = static_cast<float>(cy + (y + 0.5 - cy) / shrink - 0.5);
        }
    }
    cv::remap(patch, patch, mapX, mapY, cv::INTER_LINEAR, cv::BORDER_CONSTANT, 0);
    cv::remap(alpha, alpha, mapX, mapY, cv::INTER_LINEAR, cv::BORDER_CONSTANT, 0);
}

void placeCode(cv::Mat& frame, const cv::Mat& modules, const std::array<cv::Point2f, 4>& corners,
               double light, double dark, double halfArc = 0.0) {
    const double modulePixels = cv::norm(corners[1] - corners[0]) / modules.cols;
    // Render a little finer than the target so the warp averages like a lens would, not alias.
    const int scale = std::max(2, static_cast<int>(std::ceil(modulePixels * 1.5)));
    cv::Mat patch;
    cv::resize(modules, patch, cv::Size(), scale, scale, cv::INTER_NEAREST);
    patch.convertTo(patch, CV_32F, (light - dark) / 255.0, dark);
    cv::Mat patchAlpha(patch.size(), CV_32F, cv::Scalar(1.0));
    bendRoundCylinder(patch, patchAlpha, halfArc, 900.0 * scale / modulePixels);

    // Warp only into the code's bounding box: the rest of the frame is untouched.
    const cv::Rect box = cv::boundingRect(std::vector<cv::Point2f>(corners.begin(), corners.end())) &
                         cv::Rect(0, 0, frame.cols, frame.rows);
    std::array<cv::Point2f, 4> local = corners;
    for (auto& corner : local)
        corner -= cv::Point2f(static_cast<float>(box.x), static_cast<float>(box.y));
    const std::array<cv::Point2f, 4> source = {
        cv::Point2f(0, 0), cv::Point2f(static_cast<float>(patch.cols), 0),
        cv::Point2f(static_cast<float>(patch.cols), static_cast<float>(patch.rows)),
        cv::Point2f(0, static_cast<float>(patch.rows))};
    const cv::Mat homography = cv::getPerspectiveTransform(source.data(), local.data());
    cv::Mat warped, alpha;
    cv::warpPerspective(patch, warped, homography, box.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, 0);
    cv::warpPerspective(patchAlpha, alpha, homography, box.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, 0);
    cv::Mat region;
    frame(box).convertTo(region, CV_32FC3);
    cv::cvtColor(warped, warped, cv::COLOR_GRAY2BGR);
    cv::cvtColor(alpha, alpha, cv::COLOR_GRAY2BGR);
    region = region.mul(cv::Scalar::all(1.0) - alpha) + warped.mul(alpha);
    region.convertTo(frame(box), CV_8UC3);
}

// Multiplies the scene by an illumination field: a strong ramp, a soft-edged shadow and a glare
// spot, as from a window beside the kiosk or a phone screen held at an angle.
void unevenLight(cv::Mat& frame, cv::Point2f centre, double side, cv::RNG& rng) {
    cv::Mat gain(frame.size(), CV_32F);
    const double angle = rng.uniform(0.0, 2.0 * kPi);
    const double low = rng.uniform(0.2, 0.4), high = rng.uniform(1.0, 1.25);
    const double cosA = std::cos(angle) / side, sinA = std::sin(angle) / side;
    for (int y = 0; y < frame.rows; ++y) {
        float* g = gain.ptr<float>(y);
        for (int x = 0; x < frame.cols; ++x) {
            const double t = (x - centre.x) * cosA + (y - centre.y) * sinA + 0.5;
            g[x] = static_cast<float>(low + (high - low) * std::clamp(t, 0.0, 1.0));
        }
    }
    // A straight shadow edge across the code, slightly soft.
    cv::Mat shadow(frame.size(), CV_32F, cv::Scalar(1.0));
    const double shadowAngle = rng.uniform(0.0, 2.0 * kPi);
    const cv::Point2f dir(static_cast<float>(std::cos(shadowAngle)),
                          static_cast<float>(std::sin(shadowAngle)));
    const cv::Point2f normal(-dir.y, dir.x);
    const cv::Point2f through = centre + normal * static_cast<float>(rng.uniform(-0.25, 0.25) * side);
    std::vector<cv::Point> polygon = {through + dir * 3000.f, through - dir * 3000.f,
                                      through - dir * 3000.f + normal * 3000.f,
                                      through + dir * 3000.f + normal * 3000.f};
    cv::fillConvexPoly(shadow, polygon, cv::Scalar(rng.uniform(0.3, 0.5)), cv::LINE_AA);
    cv::GaussianBlur(shadow, shadow, cv::Size(), rng.uniform(2.0, 6.0));
    gain = gain.mul(shadow);

    cv::Mat lit;
    frame.convertTo(lit, CV_32FC3);
    std::vector<cv::Mat> channels;
    cv::split(lit, channels);
    for (auto& channel : channels)
        channel = channel.mul(gain);
    cv::merge(channels, lit);
    // Glare adds light on top (it is a reflection), saturating part of the code.
    cv::Mat glare(frame.size(), CV_32F, cv::Scalar(0));
    const cv::Point spot(static_cast<int>(centre.x + rng.uniform(-0.4, 0.4) * side),
                         static_cast<int>(centre.y + rng.uniform(-0.4, 0.4) * side));
    cv::circle(glare, spot, static_cast<int>(side * rng.uniform(0.08, 0.16)),
               cv::Scalar(rng.uniform(90.0, 160.0)), cv::FILLED);
    cv::GaussianBlur(glare, glare, cv::Size(), side * 0.06);
    cv::cvtColor(glare, glare, cv::COLOR_GRAY2BGR);
    lit += glare;
    lit.convertTo(frame, CV_8UC3);
}

// A specular reflection: light added on top of the code in a soft-edged spot, saturating the
// modules under its core, as a ceiling lamp on a laminated slip or a phone screen.
void glare(cv::Mat& frame, cv::Point2f centre, double side, cv::RNG& rng) {
    cv::Mat spot(frame.size(), CV_32F, cv::Scalar(0));
    // Round the middle of the code, as from a lamp behind the citizen: a reflection that wipes out
    // a finder pattern makes the code unreadable to any reader, phones included (they re-angle).
    const cv::Point at(static_cast<int>(centre.x + rng.uniform(-0.2, 0.2) * side),
                       static_cast<int>(centre.y + rng.uniform(-0.2, 0.2) * side));
    const cv::Size axes(static_cast<int>(side * rng.uniform(0.12, 0.24)),
                        static_cast<int>(side * rng.uniform(0.08, 0.16)));
    cv::ellipse(spot, at, axes, rng.uniform(0.0, 180.0), 0, 360, cv::Scalar(rng.uniform(180.0, 255.0)),
                cv::FILLED);
    cv::GaussianBlur(spot, spot, cv::Size(), side * rng.uniform(0.03, 0.06));
    cv::cvtColor(spot, spot, cv::COLOR_GRAY2BGR);
    cv::Mat lit;
    frame.convertTo(lit, CV_32FC3);
    lit += spot;
    lit.convertTo(frame, CV_8UC3);
}

void motionBlur(cv::Mat& frame, double length, double degrees) {
    const int size = static_cast<int>(std::ceil(length)) | 1;
    cv::Mat kernel(size, size, CV_32F, cv::Scalar(0));
    const double a = degrees * kPi / 180.0;
    const cv::Point2d c(size / 2.0, size / 2.0), d(std::cos(a) * length / 2.0, std::sin(a) * length / 2.0);
    cv::line(kernel, c - d, c + d, cv::Scalar(1.0), 1, cv::LINE_AA, 0);
    kernel /= cv::sum(kernel)[0];
    cv::filter2D(frame, frame, -1, kernel, cv::Point(-1, -1), 0, cv::BORDER_REFLECT);
}

// Gaussian sensor noise. Drawing 2.7 million normal samples per frame dominated generation time,
// so frames take a random window of one shared, seeded table instead.
void addNoise(cv::Mat& frame, double sigma, cv::RNG& rng) {
    constexpr int kSlack = 1 << 16;
    const int values = kFrameWidth * kFrameHeight * 3;
    static const cv::Mat table = [&] {
        cv::Mat t(1, values + kSlack, CV_32F);
        cv::RNG tableRng(0x5eed);
        tableRng.fill(t, cv::RNG::NORMAL, 0.0, 1.0);
        return t;
    }();
    CV_Assert(frame.isContinuous() && static_cast<int>(frame.total() * 3) == values);
    const cv::Mat window(frame.rows, frame.cols, CV_32FC3,
                         const_cast<float*>(table.ptr<float>(0) + rng.uniform(0, kSlack)));
    cv::Mat noisy;
    frame.convertTo(noisy, CV_32FC3);
    cv::scaleAdd(window, sigma, noisy, noisy);
    noisy.convertTo(frame, CV_8UC3);
}

void jpegRoundTrip(cv::Mat& frame, int quality) {
    std::vector<std::uint8_t> bytes;
    cv::imencode(".jpg", frame, bytes, {cv::IMWRITE_JPEG_QUALITY, quality});
    frame = cv::imdecode(bytes, cv::IMREAD_COLOR);
}

}  // namespace

std::string_view distortionName(Distortion distortion) {
    switch (distortion) {
        case Distortion::Clean: return "clean";
        case Distortion::Perspective: return "perspective";
        case Distortion::Rotation: return "rotation";
        case Distortion::GaussianBlur: return "gaussian_blur";
        case Distortion::MotionBlur: return "motion_blur";
        case Distortion::Noise: return "noise";
        case Distortion::UnevenLight: return "uneven_light";
        case Distortion::LowContrast: return "low_contrast";
        case Distortion::SmallCode: return "small_code";
        case Distortion::Inverted: return "inverted";
        case Distortion::Jpeg: return "jpeg";
        case Distortion::SmallTurnedBlur: return "small_turned_blur";
        case Distortion::DenseTilted: return "dense_tilted";
        case Distortion::FaintSmall: return "faint_small";
        case Distortion::Glare: return "glare";
        case Distortion::CurvedPaper: return "curved_paper";
    }
    return "unknown";
}

std::string makePayload(PayloadKind kind, cv::RNG& rng) {
    switch (kind) {
        case PayloadKind::VietQr: return vietQr(rng);
        case PayloadKind::Cccd: return cccd(rng);
        case PayloadKind::Url: return url(rng);
        case PayloadKind::Text: return vietnameseText(rng);
    }
    throw std::logic_error("unknown payload kind");
}

SyntheticFrame makeFrame(Distortion distortion, cv::RNG& rng) {
    SyntheticFrame out;
    out.distortion = distortion;
    out.payloadKind = static_cast<PayloadKind>(rng.uniform(0, 4));
    out.payload = makePayload(out.payloadKind, rng);

    static const std::array<int, 3> kEccLevels = {2, 4, 6};  // L, M, Q on ZXing's 0..8 scale
    int eccLevel = pick(kEccLevels, rng);
    if (distortion == Distortion::DenseTilted) {
        // Dense: the strongest error correction and, for text, a second paragraph (versions 9-14).
        static const std::array<int, 2> kDenseLevels = {6, 8};  // Q, H
        eccLevel = pick(kDenseLevels, rng);
        if (out.payloadKind == PayloadKind::Text) out.payload += " " + vietnameseText(rng);
    }
    const int quietZone = rng.uniform(2, 5);
    cv::Mat modules = renderModules(out.payload, eccLevel, quietZone);
    out.modules =
        modules(cv::Rect(quietZone, quietZone, modules.cols - 2 * quietZone, modules.rows - 2 * quietZone))
            .clone();

    Geometry geometry;
    geometry.modulePixels = rng.uniform(3.0, 9.0);
    geometry.inPlaneDegrees = rng.uniform(-12.0, 12.0);
    geometry.tiltDegrees = rng.uniform(0.0, 15.0);
    double light = rng.uniform(190.0, 245.0), dark = rng.uniform(15.0, 60.0);
    switch (distortion) {
        case Distortion::Perspective: geometry.tiltDegrees = rng.uniform(40.0, 60.0); break;
        case Distortion::Rotation: geometry.inPlaneDegrees = rng.uniform(0.0, 360.0); break;
        case Distortion::SmallCode: geometry.modulePixels = rng.uniform(1.6, 2.6); break;
        case Distortion::Jpeg: geometry.modulePixels = rng.uniform(2.5, 4.5); break;
        case Distortion::LowContrast:
            light = rng.uniform(110.0, 200.0);
            dark = light - rng.uniform(18.0, 35.0);
            break;
        case Distortion::Inverted: std::swap(light, dark); break;
        case Distortion::SmallTurnedBlur:
            geometry.modulePixels = rng.uniform(180.0, 220.0) / modules.cols;
            geometry.inPlaneDegrees = (rng.uniform(0, 2) == 1 ? 1 : -1) * rng.uniform(20.0, 35.0);
            geometry.tiltDegrees = rng.uniform(0.0, 25.0);
            break;
        case Distortion::DenseTilted:
            geometry.modulePixels = rng.uniform(4.0, 6.5);
            geometry.tiltDegrees = rng.uniform(35.0, 55.0);
            break;
        case Distortion::FaintSmall:
            geometry.modulePixels = rng.uniform(3.0, 5.0);
            light = rng.uniform(110.0, 200.0);
            dark = light - rng.uniform(15.0, 30.0);
            break;
        case Distortion::CurvedPaper: geometry.modulePixels = rng.uniform(3.5, 7.0); break;
        default: break;
    }
    double side = std::min(geometry.modulePixels * modules.cols, 640.0);
    std::array<cv::Point2f, 4> corners = posedCorners(side, geometry, rng);
    cv::Rect2f box = cv::boundingRect(std::vector<cv::Point2f>(corners.begin(), corners.end()));
    // A large code seen tilted can outgrow the frame (a 640 px code turned 12 degrees is ~760 px
    // tall): the placement below then drew from an empty range and cut part of the code off, a
    // frame no reader could read (seed 777 had one). Shrink the pose to fit instead, as a citizen
    // steps back; this draws nothing from rng, so every other frame of a seed stays the same.
    const double fit = std::min({1.0, (kFrameWidth - 20.0) / box.width, (kFrameHeight - 20.0) / box.height});
    if (fit < 1.0) {
        for (auto& corner : corners)
            corner *= static_cast<float>(fit);
        side *= fit;
        box = cv::boundingRect(std::vector<cv::Point2f>(corners.begin(), corners.end()));
    }
    const cv::Point2f centre(
        static_cast<float>(rng.uniform(10.0 - box.x, kFrameWidth - 10.0 - box.x - box.width)),
        static_cast<float>(rng.uniform(10.0 - box.y, kFrameHeight - 10.0 - box.y - box.height)));
    for (auto& corner : corners)
        corner += centre;
    const cv::Point2f codeCentre = (corners[0] + corners[2]) * 0.5f;
    {
        // Symbol corners: the patch corners pulled in by the quiet zone, through the same homography.
        const float n = static_cast<float>(modules.cols), q = static_cast<float>(quietZone);
        const std::array<cv::Point2f, 4> unit = {cv::Point2f(0, 0), cv::Point2f(n, 0), cv::Point2f(n, n),
                                                 cv::Point2f(0, n)};
        const cv::Mat h = cv::getPerspectiveTransform(unit.data(), corners.data());
        std::vector<cv::Point2f> inner = {{q, q}, {n - q, q}, {n - q, n - q}, {q, n - q}}, mapped;
        cv::perspectiveTransform(inner, mapped, h);
        std::copy(mapped.begin(), mapped.end(), out.corners.begin());
    }

    out.bgr = background(rng);
    // Half the code's width wraps 15-35 degrees round the cylinder: a 3-4 cm code on a slip held in
    // one hand bends round a radius of 4-8 cm.
    const double halfArc =
        distortion == Distortion::CurvedPaper ? rng.uniform(15.0, 35.0) * kPi / 180.0 : 0.0;
    placeCode(out.bgr, modules, corners, light, dark, halfArc);

    // Camera realism on every frame, with the class's own distortion at its physical place.
    if (distortion == Distortion::UnevenLight) unevenLight(out.bgr, codeCentre, side, rng);
    if (distortion == Distortion::Glare) glare(out.bgr, codeCentre, side, rng);
    const double moduleSize = side / modules.cols;
    if (distortion == Distortion::GaussianBlur) {
        cv::GaussianBlur(out.bgr, out.bgr, cv::Size(), moduleSize * rng.uniform(0.35, 0.6));
    } else if (distortion == Distortion::SmallTurnedBlur) {
        // Defocus of 0.4-0.65 module: the code is held too close or too far for the lens.
        cv::GaussianBlur(out.bgr, out.bgr, cv::Size(), moduleSize * rng.uniform(0.4, 0.65));
    } else {
        cv::GaussianBlur(out.bgr, out.bgr, cv::Size(), rng.uniform(0.4, 0.9));
    }
    if (distortion == Distortion::MotionBlur)
        motionBlur(out.bgr, moduleSize * rng.uniform(1.0, 2.0), rng.uniform(0.0, 180.0));
    addNoise(out.bgr, distortion == Distortion::Noise ? rng.uniform(20.0, 40.0) : rng.uniform(2.0, 5.0), rng);
    jpegRoundTrip(out.bgr, distortion == Distortion::Jpeg ? rng.uniform(4, 13) : rng.uniform(70, 93));
    return out;
}

cv::Mat makeEmptyFrame(cv::RNG& rng) {
    cv::Mat frame = background(rng);
    cv::GaussianBlur(frame, frame, cv::Size(), rng.uniform(0.4, 0.9));
    addNoise(frame, rng.uniform(2.0, 5.0), rng);
    jpegRoundTrip(frame, rng.uniform(70, 93));
    return frame;
}

bool readableDespiteSaturation(const SyntheticFrame& frame) {
    if (frame.distortion == Distortion::CurvedPaper)
        throw std::invalid_argument("a bent code has no homography");
    const int n = frame.modules.cols;
    const std::array<cv::Point2f, 4> unit = {cv::Point2f(0, 0), cv::Point2f(static_cast<float>(n), 0),
                                             cv::Point2f(static_cast<float>(n), static_cast<float>(n)),
                                             cv::Point2f(0, static_cast<float>(n))};
    const cv::Mat toFrame = cv::getPerspectiveTransform(unit.data(), frame.corners.data());
    std::vector<cv::Point2f> centres, inFrame;
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c)
            centres.emplace_back(static_cast<float>(c) + 0.5f, static_cast<float>(r) + 0.5f);
    cv::perspectiveTransform(centres, inFrame, toFrame);
    // Within the sensor noise (2-5 grey levels, plus JPEG) of white over a module's centre: glare
    // left at most ~10 levels between its dark and light modules there, which no reader can tell
    // from noise.
    constexpr double kSaturated = 245.0;
    constexpr int kQuiet = 4, kModulePixels = 4;
    cv::Mat gray;
    cv::cvtColor(frame.bgr, gray, cv::COLOR_BGR2GRAY);
    cv::blur(gray, gray, cv::Size(3, 3));
    cv::Mat dark(n, n, CV_8U), confidence(n, n, CV_32F);
    for (int r = 0; r < n; ++r) {
        for (int c = 0; c < n; ++c) {
            const cv::Point2f at = inFrame[static_cast<std::size_t>(r * n + c)];
            const int x = std::clamp(static_cast<int>(at.x), 0, gray.cols - 1);
            const int y = std::clamp(static_cast<int>(at.y), 0, gray.rows - 1);
            const bool saturated = gray.at<std::uint8_t>(y, x) >= kSaturated;
            dark.at<std::uint8_t>(r, c) = !saturated && frame.modules.at<std::uint8_t>(r, c) == 0 ? 1 : 0;
            confidence.at<float>(r, c) = saturated ? 0.0f : 1.0f;
        }
    }
    const std::optional<cv::Mat> corrected = devices::correctedModules(dark, confidence);
    if (!corrected) return false;
    cv::Mat seen(n + 2 * kQuiet, n + 2 * kQuiet, CV_8U, cv::Scalar(255));
    seen(cv::Rect(kQuiet, kQuiet, n, n)).setTo(0, *corrected);
    cv::resize(seen, seen, cv::Size(), kModulePixels, kModulePixels, cv::INTER_NEAREST);
    const ZXing::ImageView view(seen.data, seen.cols, seen.rows, ZXing::ImageFormat::Lum,
                                static_cast<int>(seen.step));
    const auto result = ZXing::ReadBarcode(
        view, ZXing::DecodeHints().setFormats(ZXing::BarcodeFormat::QRCode).setIsPure(true));
    return result.isValid() && result.text() == frame.payload;
}

std::vector<SyntheticFrame> makeSet(std::uint64_t seed, int perClass,
                                    std::span<const Distortion> distortions) {
    cv::RNG rng(seed);
    std::vector<SyntheticFrame> set;
    set.reserve(distortions.size() * static_cast<std::size_t>(perClass));
    for (Distortion distortion : distortions) {
        for (int i = 0; i < perClass; ++i) {
            SyntheticFrame frame = makeFrame(distortion, rng);
            frame.name = std::string(distortionName(distortion)) + "_" + twoDigits(i);
            set.push_back(std::move(frame));
        }
    }
    return set;
}

}  // namespace devices::synth
