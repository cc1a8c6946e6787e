// The subcommands of `commune-kiosk` that need no window, in a library without SDL or ImGui:
//   content check DIR [--as-of D] walkthrough problems as file:line, status 2 if any; stale sources warn
//   scan [--reveal-personal-data] FILE...
//                                 one JSON line per file, through the camera's decode pipeline
//   volunteers add NAME [--pin-stdin] [--team-leader] | volunteers list
//   export --from DAY --to DAY FILE.csv
//   status [--json]               the sync outbox
//   sync requeue                  events the server rejected are sent again
//   say [--lang vi|en] --out FILE.wav TEXT
//                                 the kiosk's voice into a WAV file (no sound card needed)
// and the technician's (TechnicianCommands.h) and the queue's (CentreCommands.h). The logic
// lives in kiosk/; this only reads the command line and prints. Exit status: 0 done, 2 bad
// arguments or input, 1 anything else.
//
// Usage (ui/main.cpp):
//   ui::KioskCommands commands(app);        // registers the subcommands
//   app.parse(argc, argv);
//   if (auto status = commands.run(paths)) return *status;
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "ui/commands/CentreCommands.h"
#include "ui/commands/TechnicianCommands.h"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace ui {

// Prints "commune-kiosk: MESSAGE" on stderr and returns `status`.
int failWithStatus(int status, const std::string& message);
// The running binary, for finding assets and the scanner module beside it.
std::filesystem::path executablePath();

class KioskCommands {
public:
    explicit KioskCommands(CLI::App& app);
    KioskCommands(const KioskCommands&) = delete;
    KioskCommands& operator=(const KioskCommands&) = delete;

    // Runs the subcommand the command line chose; nullopt when none of these was chosen.
    std::optional<int> run(const CommonPaths& paths, const std::optional<std::filesystem::path>& assetsDir);

private:
    int checkContent();
    int scanFiles(const std::optional<std::filesystem::path>& assetsDir);
    int manageVolunteers(const CommonPaths& paths, bool add);
    int exportCsv(const CommonPaths& paths);
    int printStatus(const CommonPaths& paths);
    int requeueRejected(const CommonPaths& paths);
    int sayToFile();

    TechnicianCommands technician_;
    CentreCommands centre_;
    CLI::App* contentCheck_ = nullptr;
    CLI::App* scan_ = nullptr;
    CLI::App* volunteers_ = nullptr;
    CLI::App* volunteersAdd_ = nullptr;
    CLI::App* export_ = nullptr;
    CLI::App* status_ = nullptr;
    CLI::App* syncRequeue_ = nullptr;
    CLI::App* say_ = nullptr;
    const CLI::Option* globalLanguage_ = nullptr;  // the kiosk's --lang, when `say` has none

    std::filesystem::path contentDir_;
    std::string contentAsOf_;  // YYYY-MM-DD; empty: today
    std::vector<std::filesystem::path> scanFiles_;
    bool revealPersonalData_ = false;
    std::string volunteerName_;
    bool pinFromStdin_ = false;
    bool teamLeader_ = false;
    std::string exportFrom_;
    std::string exportTo_;
    std::filesystem::path exportFile_;
    bool json_ = false;
    std::string sayLanguage_ = "vi";
    std::filesystem::path sayOut_;
    std::vector<std::string> sayWords_;
};

}  // namespace ui
