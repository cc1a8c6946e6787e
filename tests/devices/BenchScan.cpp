// bench_scan: success rate and per-frame time of the decode pipeline against one raw ZXing call,
// on the synthetic camera-like set and the hard set (generated in memory from a seed), overall and
// per distortion class; or, with --folder, on the images of a folder. Built with the tests, never
// run by ctest: timings depend on the machine. Everything runs on one core (one OpenCV thread).
//
//   bench_scan [--per-class N] [--seed S] [--budget-ms B] [--ablation] [--without PASS,...]
//              [--frame-scale F] [--list-failures] [--save DIR] [--save-failures DIR] [--hard-only]
//   bench_scan --folder DIR [--budget-ms B] [--list-failures] [--list-reads] [--save-failures DIR]
//
// --ablation reruns the pipeline once per pass with that pass switched off, to show what each
// pass contributes; --without switches passes off for the whole run (names as printed);
// --frame-scale resizes every frame first (2 = 2560x1440, like a phone photo given to `scan`);
// --hard-only generates only the hard classes of issue 17 (faster; a different draw from the
// same seed than the full run, so compare hard-only runs with hard-only runs);
// --list-failures names the frames the pipeline did not read; --save writes the frames as PNG
// (with the payload beside each as .txt, so a saved set can be rerun with --folder);
// --save-failures writes only the frames the pipeline did not read, the same way, so the misses
// can be looked at and rerun on their own with --folder (with --folder it copies the files).
// --folder decodes every image in DIR (sorted by name) as `scan` would and prints frames/s and
// the per-frame p50/p95 (--list-reads: which pass read each image, after how many passes and how
// much CPU time, to see what a budget miss needs); where NAME.txt sits beside NAME.png (or .jpg)
// it is the expected text.
#include "SyntheticFrames.h"
#include "devices/decode/DecodePipeline.h"

#include <opencv2/core/utility.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace {

using devices::DecodeOptions;
using devices::DecodeOutcome;
using devices::DecodePass;
namespace synth = devices::synth;

struct Tally {
    int frames = 0;
    int read = 0;                // decoded with the expected text
    int wrong = 0;               // decoded, but with other text (a misread)
    std::vector<double> ms;      // CPU time of the decoding thread: the cost on one core
    std::vector<double> wallMs;  // wall time: includes waiting for a core on a busy machine

    void add(const DecodeOutcome& outcome, const std::string& expected) {
        ++frames;
        if (outcome.found()) (outcome.code->text == expected ? read : wrong) += 1;
        ms.push_back(outcome.cpuMs);
        wallMs.push_back(outcome.ms);
    }
    double percent() const { return frames ? 100.0 * read / frames : 0.0; }
    double quantile(double q) const { return quantileOf(ms, q); }
    double wallQuantile(double q) const { return quantileOf(wallMs, q); }
    static double quantileOf(const std::vector<double>& values, double q) {
        if (values.empty()) return 0.0;
        std::vector<double> sorted = values;
        std::sort(sorted.begin(), sorted.end());
        return sorted[std::min(sorted.size() - 1,
                               static_cast<std::size_t>(q * static_cast<double>(sorted.size())))];
    }
};

struct Options {
    int perClass = 40;
    unsigned long long seed = 20240601;
    double budgetMs = -1.0;  // < 0: the pipeline's default
    bool ablation = false;
    bool listFailures = false;
    bool listReads = false;            // --folder: which pass read each image, after how many and how long
    bool hardOnly = false;             // only the hard set of issue 17 (faster when working on it)
    double frameScale = 1.0;           // resize frames before decoding, e.g. 2 for 2560x1440 "photos"
    std::vector<std::string> without;  // passes to switch off
    std::string saveDir;
    std::string saveFailuresDir;  // the frames the pipeline did not read
    std::string folder;
};

Options parse(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool hasValue = i + 1 < argc;
        if (arg == "--per-class" && hasValue) {
            options.perClass = std::max(1, std::atoi(argv[++i]));
        } else if (arg == "--seed" && hasValue) {
            options.seed = std::strtoull(argv[++i], nullptr, 10);
        } else if (arg == "--budget-ms" && hasValue) {
            options.budgetMs = std::atof(argv[++i]);
        } else if (arg == "--ablation") {
            options.ablation = true;
        } else if (arg == "--without" && hasValue) {
            std::string list = argv[++i];
            for (std::size_t start = 0; start <= list.size();) {
                const std::size_t comma = std::min(list.find(',', start), list.size());
                options.without.push_back(list.substr(start, comma - start));
                start = comma + 1;
            }
        } else if (arg == "--frame-scale" && hasValue) {
            options.frameScale = std::atof(argv[++i]);
        } else if (arg == "--hard-only") {
            options.hardOnly = true;
        } else if (arg == "--list-reads") {
            options.listReads = true;
        } else if (arg == "--list-failures") {
            options.listFailures = true;
        } else if (arg == "--save" && hasValue) {
            options.saveDir = argv[++i];
        } else if (arg == "--save-failures" && hasValue) {
            options.saveFailuresDir = argv[++i];
        } else if (arg == "--folder" && hasValue) {
            options.folder = argv[++i];
        } else {
            std::fprintf(
                stderr,
                "usage: bench_scan [--per-class N] [--seed S] [--budget-ms B] [--ablation] "
                "[--without PASS,...] [--frame-scale F] [--list-failures] [--save DIR] [--save-failures DIR] "
                "[--hard-only]\n"
                "       bench_scan --folder DIR [--budget-ms B] [--list-failures] [--list-reads] "
                "[--save-failures DIR]\n");
            std::exit(2);
        }
    }
    return options;
}

void printRow(const char* name, const Tally& raw, const Tally& pipeline) {
    std::printf("%-18s %4d | %6.1f %7.2f %7.2f | %6.1f %7.2f %7.2f %5d\n", name, raw.frames, raw.percent(),
                raw.quantile(0.5), raw.quantile(0.95), pipeline.percent(), pipeline.quantile(0.5),
                pipeline.quantile(0.95), pipeline.wrong + raw.wrong);
}

// A frame as PNG (lossless: the same pixels) with its payload beside it as .txt, the layout
// --folder reads back.
void saveFrame(const std::string& dir, const synth::SyntheticFrame& frame) {
    cv::imwrite(dir + "/" + frame.name + ".png", frame.bgr);
    std::ofstream(dir + "/" + frame.name + ".txt", std::ios::binary) << frame.payload;
}

std::string readText(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// --folder: every image of a folder through decodeFile(), as `commune-kiosk scan` runs it.
int benchFolder(const Options& options, const DecodeOptions& decodeOptions) {
    static const std::set<std::string> kImageExtensions = {".jpg",  ".jpeg", ".png", ".bmp",
                                                           ".webp", ".tif",  ".tiff"};
    std::vector<std::filesystem::path> files;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(options.folder, error)) {
        std::string extension = entry.path().extension().string();
        std::transform(extension.begin(), extension.end(), extension.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (entry.is_regular_file() && kImageExtensions.count(extension) > 0) files.push_back(entry.path());
    }
    if (error || files.empty()) {
        std::fprintf(stderr, "bench_scan: no images in %s\n", options.folder.c_str());
        return 2;
    }
    std::sort(files.begin(), files.end());
    Tally raw, pipeline;
    int found = 0, withExpected = 0;
    double wallSeconds = 0.0;
    for (const auto& file : files) {
        const auto expectedFile = std::filesystem::path(file).replace_extension(".txt");
        const bool known = std::filesystem::exists(expectedFile);
        const std::string expected = known ? readText(expectedFile) : std::string();
        withExpected += known;
        const cv::Mat image = cv::imread(file.string(), cv::IMREAD_COLOR);
        if (image.empty()) {
            std::fprintf(stderr, "bench_scan: cannot read %s\n", file.string().c_str());
            continue;
        }
        const auto start = std::chrono::steady_clock::now();
        const DecodeOutcome outcome = devices::decodeFrame(image, decodeOptions);
        wallSeconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const DecodeOutcome rawOutcome = devices::decodeRawBaseline(image);
        found += outcome.found();
        // Without an expected text, "read" means "found a code".
        pipeline.add(outcome, known ? expected : (outcome.found() ? outcome.code->text : "\x01"));
        raw.add(rawOutcome, known ? expected : (rawOutcome.found() ? rawOutcome.code->text : "\x01"));
        const bool failed = !(outcome.found() && (!known || outcome.code->text == expected));
        if (options.listFailures && failed) std::printf("  not read: %s\n", file.filename().string().c_str());
        if (options.listReads && !failed)
            std::printf("  read: %s by %s, %d passes, %.2f ms CPU\n", file.filename().string().c_str(),
                        std::string(devices::decodePassName(outcome.code->pass)).c_str(), outcome.passesRun,
                        outcome.cpuMs);
        if (!options.saveFailuresDir.empty() && failed) {
            const std::filesystem::path dir(options.saveFailuresDir);
            std::filesystem::copy_file(file, dir / file.filename(),
                                       std::filesystem::copy_options::overwrite_existing, error);
            if (known)
                std::filesystem::copy_file(expectedFile, dir / expectedFile.filename(),
                                           std::filesystem::copy_options::overwrite_existing, error);
        }
    }
    std::printf("%d images in %s (%d with expected text), 1 OpenCV thread, budget %.1f ms CPU\n",
                pipeline.frames, options.folder.c_str(), withExpected,
                std::chrono::duration<double, std::milli>(decodeOptions.budget).count());
    std::printf("%-9s | %6s %8s %8s | %8s %8s\n", "", "read%", "p50 ms", "p95 ms", "wall p50", "wall p95");
    for (const auto& [name, tally] :
         {std::pair<const char*, const Tally&>{"raw ZXing", raw}, {"pipeline", pipeline}})
        std::printf("%-9s | %6.1f %8.2f %8.2f | %8.2f %8.2f\n", name, tally.percent(), tally.quantile(0.5),
                    tally.quantile(0.95), tally.wallQuantile(0.5), tally.wallQuantile(0.95));
    std::printf(
        "pipeline: %.1f frames/s on one core (decode wall time %.2f s), p50 %.2f ms, p95 %.2f ms CPU per "
        "frame\n",
        wallSeconds > 0 ? pipeline.frames / wallSeconds : 0.0, wallSeconds, pipeline.quantile(0.5),
        pipeline.quantile(0.95));
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const Options options = parse(argc, argv);
    cv::setNumThreads(1);  // the goal is per frame on one core; OpenCV would otherwise use a pool

    DecodeOptions decodeOptions;
    if (options.budgetMs >= 0)
        decodeOptions.budget = std::chrono::microseconds(static_cast<long long>(options.budgetMs * 1000));
    for (const std::string& name : options.without) {
        bool known = false;
        for (int pass = 0; pass < devices::kDecodePassCount; ++pass) {
            if (devices::decodePassName(static_cast<DecodePass>(pass)) != name) continue;
            decodeOptions.passes &= ~devices::passBit(static_cast<DecodePass>(pass));
            known = true;
        }
        if (!known) {
            std::fprintf(stderr, "bench_scan: unknown pass '%s'\n", name.c_str());
            return 2;
        }
    }

    if (!options.saveFailuresDir.empty()) std::filesystem::create_directories(options.saveFailuresDir);
    if (!options.folder.empty()) return benchFolder(options, decodeOptions);

    // One set, the camera classes first, so the camera frames are the same as before the hard
    // classes existed for a given seed.
    std::vector<synth::Distortion> classes;
    if (!options.hardOnly)
        classes.assign(std::begin(synth::kAllDistortions), std::end(synth::kAllDistortions));
    classes.insert(classes.end(), std::begin(synth::kHardDistortions), std::end(synth::kHardDistortions));
    std::printf("generating %d frames per class, seed %llu...\n", options.perClass, options.seed);
    auto set = synth::makeSet(options.seed, options.perClass, classes);
    if (options.frameScale != 1.0)
        for (auto& frame : set)
            cv::resize(frame.bgr, frame.bgr, cv::Size(), options.frameScale, options.frameScale,
                       cv::INTER_LINEAR);
    std::vector<cv::Mat> empty;
    cv::RNG emptyRng(options.seed ^ 0x9e3779b97f4a7c15ULL);
    for (int i = 0; i < options.perClass; ++i)
        empty.push_back(synth::makeEmptyFrame(emptyRng));
    if (!options.saveDir.empty()) {
        std::filesystem::create_directories(options.saveDir);
        for (const auto& frame : set)
            saveFrame(options.saveDir, frame);
    }

    std::map<std::string, std::pair<Tally, Tally>> byClass;  // raw, pipeline
    Tally rawAll, pipelineAll, rawHard, pipelineHard;
    std::pair<int, int> retryAll, retryHard;  // misses with a candidate, and read by a focused retry
    std::array<int, devices::kDecodePassCount> readBy{};
    // Hard misses, and those of them no single-frame reader could read (glare beyond the code's
    // error correction; see synth::readableDespiteSaturation). Bent codes are not judged.
    int hardMissed = 0, hardUnreadable = 0;
    for (const auto& frame : set) {
        const DecodeOutcome raw = devices::decodeRawBaseline(frame.bgr);
        const DecodeOutcome pipeline = devices::decodeFrame(frame.bgr, decodeOptions);
        auto& [rawTally, pipelineTally] = byClass[std::string(synth::distortionName(frame.distortion))];
        rawTally.add(raw, frame.payload);
        pipelineTally.add(pipeline, frame.payload);
        const bool hard = std::find(std::begin(synth::kHardDistortions), std::end(synth::kHardDistortions),
                                    frame.distortion) != std::end(synth::kHardDistortions);
        (hard ? rawHard : rawAll).add(raw, frame.payload);
        (hard ? pipelineHard : pipelineAll).add(pipeline, frame.payload);
        if (!(pipeline.found() && pipeline.code->text == frame.payload) && pipeline.candidate) {
            // What the camera's retry across frames would add, if the next frame were no sharper.
            DecodeOptions focused = decodeOptions;
            focused.focus = pipeline.candidate;
            const DecodeOutcome retried = devices::decodeFrame(frame.bgr, focused);
            (hard ? retryHard : retryAll).first += 1;
            (hard ? retryHard : retryAll).second += retried.found() && retried.code->text == frame.payload;
        }
        if (pipeline.found() && pipeline.code->text == frame.payload) {
            readBy[static_cast<std::size_t>(pipeline.code->pass)] += 1;
        } else {
            const bool unreadable = hard && frame.distortion != synth::Distortion::CurvedPaper &&
                                    !synth::readableDespiteSaturation(frame);
            hardMissed += hard;
            hardUnreadable += unreadable;
            if (options.listFailures)
                std::printf(
                    "  not read: %s (raw %s%s)\n", frame.name.c_str(), raw.found() ? "read it" : "failed too",
                    unreadable ? "; no reader could: glare wiped out more than the error correction carries"
                               : "");
            if (!options.saveFailuresDir.empty()) saveFrame(options.saveFailuresDir, frame);
        }
    }
    Tally rawEmpty, pipelineEmpty;
    for (const auto& frame : empty) {
        rawEmpty.add(devices::decodeRawBaseline(frame), "");
        pipelineEmpty.add(devices::decodeFrame(frame, decodeOptions), "");
    }

    std::printf(
        "\n%zu synthetic %dx%d frames, 1 OpenCV thread, pipeline budget %.1f ms CPU\n"
        "times are CPU ms of the decoding thread (one core), median and 95th percentile\n",
        set.size(), set.front().bgr.cols, set.front().bgr.rows,
        std::chrono::duration<double, std::milli>(decodeOptions.budget).count());
    std::printf("%-18s %4s | %-22s | %-22s %5s\n", "", "", "raw ZXing call", "pipeline", "");
    std::printf("%-18s %4s | %6s %7s %7s | %6s %7s %7s %5s\n", "class", "n", "read%", "med ms", "p95 ms",
                "read%", "med ms", "p95 ms", "wrong");
    for (synth::Distortion distortion : synth::kAllDistortions) {
        const std::string name(synth::distortionName(distortion));
        printRow(name.c_str(), byClass[name].first, byClass[name].second);
    }
    printRow("ALL", rawAll, pipelineAll);
    for (synth::Distortion distortion : synth::kHardDistortions) {
        const std::string name(synth::distortionName(distortion));
        printRow(name.c_str(), byClass[name].first, byClass[name].second);
    }
    printRow("HARD", rawHard, pipelineHard);
    std::printf("%-18s %4d | false reads %-10d| false reads %d, med %.2f ms, p95 %.2f ms\n", "no code",
                rawEmpty.frames, rawEmpty.wrong, pipelineEmpty.wrong, pipelineEmpty.quantile(0.5),
                pipelineEmpty.quantile(0.95));

    std::printf("\npasses that read the codes:");
    for (int pass = 0; pass < devices::kDecodePassCount; ++pass)
        if (readBy[static_cast<std::size_t>(pass)] > 0)
            std::printf(" %s %d", std::string(devices::decodePassName(static_cast<DecodePass>(pass))).c_str(),
                        readBy[static_cast<std::size_t>(pass)]);
    const bool medianOk = pipelineAll.quantile(0.5) <= 15.0, p95Ok = pipelineAll.quantile(0.95) <= 33.0;
    std::printf("\ngoals: median %.2f ms <= 15 %s, p95 %.2f ms <= 33 %s, read %.1f%% vs raw %.1f%%\n",
                pipelineAll.quantile(0.5), medianOk ? "met" : "MISSED", pipelineAll.quantile(0.95),
                p95Ok ? "met" : "MISSED", pipelineAll.percent(), rawAll.percent());
    std::printf("hard set: read %.1f%% >= 99 %s vs raw %.1f%%, p95 %.2f ms <= 33 %s\n",
                pipelineHard.percent(), pipelineHard.percent() >= 99.0 ? "met" : "MISSED", rawHard.percent(),
                pipelineHard.quantile(0.95), pipelineHard.quantile(0.95) <= 33.0 ? "met" : "MISSED");
    const int readable = pipelineHard.frames - hardUnreadable;
    std::printf(
        "hard misses no single-frame reader could read (saturated modules beyond the error correction): %d "
        "of %d; of the %d frames that can be read, the pipeline read %.1f%%\n",
        hardUnreadable, hardMissed, readable, readable > 0 ? 100.0 * pipelineHard.read / readable : 0.0);
    std::printf(
        "focused retry (DecodeWorker, two frames alike) on the misses with a candidate: camera %d of %d, "
        "hard %d of %d\n",
        retryAll.second, retryAll.first, retryHard.second, retryHard.first);
    std::printf(
        "wall time (machine load included): raw median %.2f p95 %.2f ms, pipeline median %.2f p95 %.2f ms\n",
        rawAll.wallQuantile(0.5), rawAll.wallQuantile(0.95), pipelineAll.wallQuantile(0.5),
        pipelineAll.wallQuantile(0.95));

    if (options.ablation) {
        std::printf("\nablation (pipeline with one pass switched off), camera and hard sets together:\n");
        for (int pass = 0; pass < devices::kDecodePassCount; ++pass) {
            const auto bit = devices::passBit(static_cast<DecodePass>(pass));
            if ((decodeOptions.passes & bit) == 0) continue;
            DecodeOptions without = decodeOptions;
            without.passes &= ~bit;
            Tally tally;
            for (const auto& frame : set)
                tally.add(devices::decodeFrame(frame.bgr, without), frame.payload);
            std::printf("  without %-17s read %4d (%+d)  med %.2f ms  p95 %.2f ms\n",
                        std::string(devices::decodePassName(static_cast<DecodePass>(pass))).c_str(),
                        tally.read, tally.read - pipelineAll.read - pipelineHard.read, tally.quantile(0.5),
                        tally.quantile(0.95));
        }
    }
    return 0;
}
