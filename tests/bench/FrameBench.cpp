// CPU time to build one ImGui frame of the home screen (issue #2 goal: ≤ 1 ms). Runs ImGui
// without a window or GL: the cost measured is ours and ImGui's, not the GPU driver's.
#include <benchmark/benchmark.h>
#include <imgui.h>

#include "kiosk/i18n/Catalogue.h"
#include "kiosk/service/StoredJourney.h"
#include "kiosk/session/CitizenJourney.h"
#include "ui/Theme.h"
#include "ui/WidgetRegistry.h"
#include "ui/screens/ScreenContext.h"

namespace {

void buildFrames(benchmark::State& state, kiosk::session::Screen screen, float width, float height) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(width, height);
    io.DeltaTime = 1.0f / 60.0f;
    const ui::Metrics metrics = ui::metricsFor(width, height);
    ui::applyTheme(metrics);
    auto fonts = ui::loadFonts(metrics, "/usr/share/fonts/truetype/noto", {"Chạm để bắt đầu"});
    if (!fonts) {
        state.SkipWithError(fonts.error().message.c_str());
        return;
    }
    unsigned char* pixels = nullptr;
    int atlasWidth = 0;
    int atlasHeight = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &atlasWidth, &atlasHeight);

    std::vector<kiosk::i18n::CatalogueProblem> problems;
    const auto catalogue =
        kiosk::i18n::Catalogue::loadDir(std::filesystem::path(KIOSK_ASSETS_DIR) / "i18n", problems);
    const kiosk::config::KioskConfig config;
    kiosk::session::CitizenSession session(kiosk::i18n::Language::Vi);
    kiosk::session::IdleWatch idle(std::chrono::seconds(90), std::chrono::seconds(20));
    kiosk::service::StoredJourney store(nullptr, {});
    store.setStorageProblem("benchmark: no database");
    const std::vector<kiosk::content::Walkthrough> library;
    kiosk::session::CitizenJourney journey(session, idle, store, library);
    ui::TextureCache textures;
    const kiosk::SteadyTime now{};
    journey.touchToStart(now);
    if (screen == kiosk::session::Screen::Home) journey.chooseLanguage(kiosk::i18n::Language::Vi, now);
    const ui::ScreenContext context{catalogue, config, journey, session,  metrics,
                                    *fonts,    now,    nullptr, textures, {}};

    for (auto _ : state) {
        ImGui::NewFrame();
        ui::widgetRegistry().beginFrame();
        if (screen == kiosk::session::Screen::Home) {
            ui::drawHomeScreen(context);
        } else {
            ui::drawLanguageScreen(context);
        }
        ImGui::Render();
        benchmark::DoNotOptimize(ImGui::GetDrawData()->TotalVtxCount);
    }
    state.counters["vertices"] = ImGui::GetDrawData()->TotalVtxCount;
    ImGui::DestroyContext();
}

void HomeScreenFrame1080p(benchmark::State& state) {
    buildFrames(state, kiosk::session::Screen::Home, 1920, 1080);
}
void HomeScreenFrame800p(benchmark::State& state) {
    buildFrames(state, kiosk::session::Screen::Home, 1280, 800);
}
void LanguageScreenFrame1080p(benchmark::State& state) {
    buildFrames(state, kiosk::session::Screen::Language, 1920, 1080);
}

}  // namespace

BENCHMARK(HomeScreenFrame1080p)->Unit(benchmark::kMicrosecond);
BENCHMARK(HomeScreenFrame800p)->Unit(benchmark::kMicrosecond);
BENCHMARK(LanguageScreenFrame1080p)->Unit(benchmark::kMicrosecond);
BENCHMARK_MAIN();
