// The volunteer desk's state on the kiosk: who is signed in, the PIN being typed, the ticket
// being served, the help-log form and the citizen's rating, and the desk's own idle sign-out.
// Pure state and rules; the slow work (Argon2id, transactions) runs elsewhere and reports back
// through pinChecked / ticketCalled / ticketDone / helpLogged. No window needed to test it.
//
// Flow: ChooseVolunteer → EnterPin → Queue ⇄ Statistics; Queue → (done) HelpForm → Rating →
// Queue. A locked name → (team leader) ChooseVolunteer among leaders → EnterPin with the leader's
// PIN → back to the locked name's EnterPin, lifted (helplog::VolunteerRoster::unlockWithLeader). Signing out
// (by hand or after `idleTimeout` without a touch) wipes the PIN, the ticket and the form, so the next person
// at the screen sees nothing of the last one.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/Clock.h"
#include "kiosk/helplog/HelpLog.h"
#include "kiosk/helplog/VolunteerRoster.h"
#include "kiosk/queue/Ticket.h"

namespace kiosk::desk {

enum class DeskScreen { ChooseVolunteer, EnterPin, Queue, HelpForm, Rating, Statistics };

// The help-log form as the volunteer fills it in; every choice is required except the note.
struct HelpFormDraft {
    std::optional<helplog::Skill> skill;
    std::optional<helplog::Task> task;
    std::optional<helplog::Outcome> outcome;
    std::optional<helplog::Visit> visit;
    std::optional<helplog::AgeBand> ageBand;
    std::string note;

    bool complete() const { return skill && task && outcome && visit && ageBand; }
};

// What the desk tells the volunteer after a sign-in attempt. KioskPaused: every PIN pad on this
// kiosk waits after too many wrong PINs (helplog/KioskPinPause.h); Unlocked: a team leader lifted
// the chosen name's lock.
enum class SignInNotice { None, WrongPin, Locked, KioskPaused, Unlocked };

class VolunteerDesk {
public:
    static constexpr std::size_t kPinLength = 6;

    explicit VolunteerDesk(std::chrono::seconds idleTimeout);
    ~VolunteerDesk();

    DeskScreen screen() const { return screen_; }
    bool signedIn() const { return volunteer_.has_value(); }
    const std::optional<helplog::VolunteerSession>& volunteer() const { return volunteer_; }

    // Sign-in.
    void chooseVolunteer(helplog::VolunteerId id, std::string displayName, SteadyTime at);
    helplog::VolunteerId chosenVolunteer() const { return chosenId_; }
    const std::string& chosenName() const { return chosenName_; }
    void pressDigit(char digit, SteadyTime at);  // ignores anything but '0'..'9' and a 7th digit
    void erase(SteadyTime at);
    std::size_t pinDigits() const { return pin_.size(); }
    // The typed PIN, once all 6 digits are in and no check is running; the entry is wiped as
    // it is handed over, so a wrong PIN is typed again from an empty field.
    std::optional<std::string> takePinForCheck();
    bool checkingPin() const { return checkingPin_; }
    void pinChecked(const helplog::PinCheck& result, SteadyTime at);
    void pinCheckFailed(SteadyTime at);  // the check itself failed (storage): back to typing
    SignInNotice signInNotice() const { return notice_; }
    int attemptsLeft() const { return attemptsLeft_; }
    std::optional<kiosk::WallTime> lockedUntil() const { return lockedUntil_; }
    // While the kiosk-wide pause runs, the keypad is off; false once `now` passed its end.
    bool pausedAt(kiosk::WallTime now) const;

    // Team-leader unlock of the chosen, locked name: the leader chooses their own name and types
    // their PIN; the desk hands that PIN over with takePinForCheck as usual.
    void startLeaderUnlock(SteadyTime at);  // only while the chosen name is Locked
    // The locked volunteer a leader is unlocking, while they do.
    std::optional<helplog::VolunteerId> unlocking() const { return unlockingId_; }
    const std::string& unlockingName() const { return unlockingName_; }
    // The leader's PIN check: a VolunteerSession means the lock was lifted.
    void leaderPinChecked(const helplog::PinCheck& result, SteadyTime at);

    // Serving.
    void ticketCalled(const queue::Ticket& ticket);
    const std::optional<queue::Ticket>& current() const { return current_; }
    void ticketLeft();  // no-show or transferred: nobody is being served now
    void ticketDone(const queue::Ticket& ticket, std::optional<helplog::Skill> likelySkill);
    HelpFormDraft& form() { return form_; }
    const HelpFormDraft& form() const { return form_; }
    // The entry to save, when the form is complete and a done ticket is on it.
    std::optional<helplog::HelpEntry> helpEntry() const;
    void helpLogged();   // saved: hand the screen to the citizen for the rating
    void ratingGiven();  // or skipped: back to the waiting list
    const std::optional<queue::Ticket>& ratingTicket() const { return ratingTicket_; }

    // Work this volunteer left unfinished (kiosk/desk/UnfinishedWork.h), offered after sign-in.
    void offerUnfinished(std::vector<queue::Ticket> tickets);
    const std::vector<queue::Ticket>& unfinished() const { return unfinished_; }
    // Takes one back up: a called ticket is served again, a done one goes to the help-log form.
    // False when it is not on offer or another ticket is being served.
    bool resume(queue::TicketId id, std::optional<helplog::Skill> likelySkill);

    void openStatistics(SteadyTime at);
    void closeStatistics(SteadyTime at);

    void noteInput(SteadyTime at) { lastInput_ = at; }
    SteadyTime lastInput() const { return lastInput_; }
    // Signs out when nobody touched the desk for the idle timeout; true when it just did.
    bool tick(SteadyTime now);
    std::chrono::milliseconds untilTimeout(SteadyTime now) const;
    void signOut();
    // Back to choosing a volunteer from the PIN pad without signing anyone in.
    void cancelSignIn();

private:
    void wipePin();

    std::chrono::seconds idleTimeout_;
    DeskScreen screen_ = DeskScreen::ChooseVolunteer;
    SteadyTime lastInput_{};
    helplog::VolunteerId chosenId_ = 0;
    std::string chosenName_;
    std::string pin_;
    bool checkingPin_ = false;
    SignInNotice notice_ = SignInNotice::None;
    int attemptsLeft_ = 0;
    std::optional<kiosk::WallTime> lockedUntil_;
    std::optional<helplog::VolunteerId> unlockingId_;
    std::string unlockingName_;
    std::optional<helplog::VolunteerSession> volunteer_;
    std::optional<queue::Ticket> current_;
    HelpFormDraft form_;
    std::optional<queue::Ticket> ratingTicket_;
    std::vector<queue::Ticket> unfinished_;
};

}  // namespace kiosk::desk
