// Every step of every shipped walkthrough, in both languages, at 1280x800 and 1920x1080 (and once
// with the citizen's larger text), drawn by the real binary under Xvfb: the test writes a
// ui-script that visits each step (Next and every answer, then Back) and checks that each of the
// step's texts and answers is on screen or behind the list's visible "more below" cue
// (`expect-reachable`; a tap on a hidden answer turns the page first, as a person would), that
// nothing is cut off where no cue leads to it (`expect-unclipped`: the screen's edge, a label
// too big for its button), and that the text is readable (`expect-readable`: body ≥ 30 px to the
// em at 1080p, scaled by height; no line over 60 characters). A printer is configured, so the
// "In hướng dẫn" row is there too (the tightest layout). KIOSK_FIT_SCREENSHOTS=1 saves a PNG per step.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "kiosk/content/ContentLoader.h"
#include "kiosk/i18n/Catalogue.h"
#include "kiosk/session/Place.h"
#include "support/Process.h"

namespace fs = std::filesystem;
using kiosk::content::Step;
using kiosk::content::Walkthrough;
using kiosk::i18n::Language;
using kiosk::i18n::MessageId;
using kiosk::session::Feature;
using testsupport::runProcess;
using testsupport::XvfbServer;

namespace {

const fs::path kAssets = KIOSK_ASSETS_DIR;

MessageId tileOf(Feature feature) {
    switch (feature) {
        case Feature::Vneid: return MessageId::HomeTileVneid;
        case Feature::QrPayment: return MessageId::HomeTileQrPayment;
        case Feature::PublicServices: return MessageId::HomeTilePublicServices;
        case Feature::OnlineSafety: return MessageId::HomeTileOnlineSafety;
        case Feature::Scan: return MessageId::HomeTileScan;
        case Feature::Ticket: return MessageId::HomeTileTicket;
    }
    return MessageId::HomeTitle;
}

class ScriptWriter {
public:
    ScriptWriter(const kiosk::i18n::Catalogue& catalogue, Language language, bool screenshots)
        : catalogue_(catalogue),
          language_(language),
          code_(kiosk::i18n::languageCode(language)),
          screenshots_(screenshots) {}

    std::string tr(MessageId id) const { return catalogue_.text(language_, id); }

    void line(const std::string& text) { out_ << text << '\n'; }

    // Opens the walkthrough from its home tile, visits every step, and goes home again.
    void walk(const Walkthrough& walkthrough, Feature feature, size_t offered) {
        line("# " + walkthrough.id);
        line("tap " + tr(tileOf(feature)));
        if (offered > 1) line("tap " + walkthrough.title.in(code_));
        visited_.clear();
        visit(walkthrough, walkthrough.steps.front());
        line("tap " + tr(MessageId::CommonHome));
        line("expect " + tr(MessageId::HomeTitle));
    }

    std::string text() const { return out_.str(); }

private:
    void visit(const Walkthrough& walkthrough, const Step& step) {
        visited_.insert(step.id);
        line("expect " + step.title.in(code_));
        // What does not fit is behind the list's "more below" cue: reachable, never silently lost.
        line("expect-reachable " + step.body.in(code_));
        for (const auto& item : step.checklist)
            line("expect-reachable " + item.in(code_));
        for (const auto& warning : kiosk::content::warningsFor(walkthrough, step))
            line("expect-reachable " + warning.in(code_));
        for (const auto& choice : step.choices)
            line("expect-reachable " + choice.label.in(code_));
        line("expect " + tr(MessageId::WalkthroughPrintGuide));
        line("expect-unclipped");
        line("expect-readable");
        if (screenshots_)
            line("screenshot fit-" + std::string(code_) + "-" + walkthrough.id + "-" + step.id + ".png");

        const auto go = [&](const std::string& tapLabel, const std::string& target,
                            bool callsForHelp = false) {
            if (visited_.contains(target)) return;
            line("tap " + tapLabel);
            if (callsForHelp) {
                // "Yes, I need help now" shows the urgent help screen first; Back leads on to the step.
                line("expect " + tr(MessageId::HelpUrgentTitle));
                line("expect-unclipped");
                line("tap " + tr(MessageId::CommonBack));
            }
            visit(walkthrough, *walkthrough.findStep(target));
            line("tap " + tr(MessageId::CommonBack));
            line("expect " + step.title.in(code_));
        };
        if (!step.choices.empty()) {
            for (const auto& choice : step.choices)
                go(choice.label.in(code_), choice.next, choice.urgentHelp);
        } else if (!step.end) {
            const auto index = *walkthrough.stepIndex(step.id);
            const std::string target = step.next ? *step.next : walkthrough.steps[index + 1].id;
            go(tr(MessageId::WalkthroughNext), target);
        }
    }

    const kiosk::i18n::Catalogue& catalogue_;
    Language language_;
    std::string_view code_;
    bool screenshots_;
    std::set<std::string> visited_;
    std::ostringstream out_;
};

struct FitCase {
    Language language;
    int width;
    int height;
    bool largeText = false;  // the citizen chose A+ in the footer
};

void PrintTo(const FitCase& fit, std::ostream* out) {
    *out << kiosk::i18n::languageCode(fit.language) << ' ' << fit.width << 'x' << fit.height
         << (fit.largeText ? " larger text" : "");
}

class WalkthroughFit : public testing::TestWithParam<FitCase> {};

}  // namespace

TEST_P(WalkthroughFit, NoTextOrChoiceIsCutOffOnAnyStep) {
    const FitCase& fit = GetParam();
    const Language language = fit.language;
    const auto library = kiosk::content::loadContentDir(kAssets / "content", kAssets / "images");
    ASSERT_TRUE(library.problems.empty()) << kiosk::content::formatProblems(library.problems);
    std::vector<kiosk::i18n::CatalogueProblem> problems;
    const auto catalogue = kiosk::i18n::Catalogue::loadDir(kAssets / "i18n", problems);
    ASSERT_TRUE(problems.empty());

    const bool screenshots = std::getenv("KIOSK_FIT_SCREENSHOTS") != nullptr;
    ScriptWriter script(catalogue, language, screenshots);
    script.line("tap " + catalogue.text(Language::Vi, MessageId::AttractTouchToStart));
    script.line("tap " + catalogue.text(language, language == Language::Vi ? MessageId::LanguageVietnamese
                                                                           : MessageId::LanguageEnglish));
    if (fit.largeText) script.line("tap " + catalogue.text(language, MessageId::CommonTextSize));
    std::set<std::string> covered;
    for (const Feature feature : kiosk::session::kHomeFeatures) {
        const auto ids = kiosk::session::walkthroughIdsFor(feature);
        for (const std::string_view id : ids) {
            for (const Walkthrough& walkthrough : library.walkthroughs) {
                if (walkthrough.id != id) continue;
                script.walk(walkthrough, feature, ids.size());
                covered.insert(walkthrough.id);
            }
        }
    }
    // A walkthrough no tile offers could never be seen: that is a failure too.
    for (const Walkthrough& walkthrough : library.walkthroughs)
        EXPECT_TRUE(covered.contains(walkthrough.id)) << walkthrough.id << " is on no home tile";

    const std::string window = std::to_string(fit.width) + "x" + std::to_string(fit.height);
    const std::string name = "fit-" + std::string(kiosk::i18n::languageCode(language)) + "-" + window +
                             (fit.largeText ? "-large" : "");
    const fs::path dir = testsupport::freshTempDir("ui-" + name);
    fs::create_directories(dir);
    std::ofstream(dir / (name + ".txt")) << script.text();
    std::ofstream(dir / "kiosk.toml")
        << "[kiosk]\ncommune_name = \"Trung tâm phục vụ hành chính công xã Mẫu Thử\"\n"
        << "[printer]\ndevice = \"file:" << (dir / "slips.bin").string() << "\"\n";

    XvfbServer xvfb;
    ASSERT_TRUE(xvfb.ok());
    const auto run =
        runProcess({KIOSK_BINARY, "--config", (dir / "kiosk.toml").string(), "--windowed", window,
                    "--data-dir", dir.string(), "ui-script", "--screenshots",
                    (fs::path(KIOSK_SCREENSHOT_DIR) / window).string(), (dir / (name + ".txt")).string()},
                   {{"DISPLAY", xvfb.display()}}, std::chrono::seconds(280));
    ASSERT_FALSE(run.timedOut) << run.output;
    EXPECT_EQ(run.exitCode, 0) << run.output;
    EXPECT_NE(run.output.find("steps passed"), std::string::npos) << run.output;
}

INSTANTIATE_TEST_SUITE_P(AllSteps, WalkthroughFit,
                         testing::Values(FitCase{Language::Vi, 1280, 800}, FitCase{Language::Vi, 1920, 1080},
                                         FitCase{Language::En, 1280, 800}, FitCase{Language::En, 1920, 1080},
                                         FitCase{Language::Vi, 1280, 800, true}),
                         [](const testing::TestParamInfo<FitCase>& param) {
                             return std::string(kiosk::i18n::languageCode(param.param.language)) + "_" +
                                    std::to_string(param.param.width) +
                                    (param.param.largeText ? "_large" : "");
                         });
