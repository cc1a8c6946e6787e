// Every text the kiosk's own screens show, by key. The texts live in assets/i18n/{vi,en}.toml;
// a test checks that both catalogues hold exactly these keys, so a missing text fails CI
// instead of showing a blank. Walkthrough texts live with their content, not here.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace kiosk::i18n {

#define KIOSK_MESSAGES(X)                                           \
    X(AttractTouchToStart, "attract.touch_to_start")                \
    X(AttractSubtitle, "attract.subtitle")                          \
    X(LanguageTitle, "language.title")                              \
    X(LanguageVietnamese, "language.vietnamese")                    \
    X(LanguageEnglish, "language.english")                          \
    X(HomeTitle, "home.title")                                      \
    X(HomeTileVneid, "home.tile.vneid")                             \
    X(HomeTileVneidHint, "home.tile.vneid_hint")                    \
    X(HomeTileQrPayment, "home.tile.qr_payment")                    \
    X(HomeTileQrPaymentHint, "home.tile.qr_payment_hint")           \
    X(HomeTilePublicServices, "home.tile.public_services")          \
    X(HomeTilePublicServicesHint, "home.tile.public_services_hint") \
    X(HomeTileOnlineSafety, "home.tile.online_safety")              \
    X(HomeTileOnlineSafetyHint, "home.tile.online_safety_hint")     \
    X(HomeTileScan, "home.tile.scan")                               \
    X(HomeTileScanHint, "home.tile.scan_hint")                      \
    X(HomeTileTicket, "home.tile.ticket")                           \
    X(HomeTileTicketHint, "home.tile.ticket_hint")                  \
    X(CommonGetHelp, "common.get_help")                             \
    X(CommonBack, "common.back")                                    \
    X(CommonHome, "common.home")                                    \
    X(CommonFinish, "common.finish")                                \
    X(CommonNeverAskSecrets, "common.never_ask_secrets")            \
    X(ComingSoonTitle, "coming_soon.title")                         \
    X(ComingSoonBody, "coming_soon.body")                           \
    X(HelpRecordedTitle, "help.recorded_title")                     \
    X(HelpRecordedBody, "help.recorded_body")                       \
    X(HelpNotSavedTitle, "help.not_saved_title")                    \
    X(HelpNotSavedBody, "help.not_saved_body")                      \
    X(IdleTitle, "idle.title")                                      \
    X(IdleBody, "idle.body")                                        \
    X(IdleStillHere, "idle.still_here")                             \
    X(IdleEndNow, "idle.end_now")                                   \
    X(StorageProblemTitle, "storage.problem_title")                 \
    X(StorageProblemBody, "storage.problem_body")                   \
    X(WalkthroughListTitle, "walkthrough.list_title")               \
    X(WalkthroughNext, "walkthrough.next")                          \
    X(WalkthroughFinish, "walkthrough.finish")                      \
    X(WalkthroughStuck, "walkthrough.stuck")                        \
    X(WalkthroughStepOf, "walkthrough.step_of")                     \
    X(WalkthroughTapHere, "walkthrough.tap_here")                   \
    X(WalkthroughDoneTitle, "walkthrough.done_title")               \
    X(WalkthroughDoneBody, "walkthrough.done_body")                 \
    X(WalkthroughStartAgain, "walkthrough.start_again")             \
    X(WalkthroughOpenScanner, "walkthrough.open_scanner")           \
    X(WalkthroughPracticeQr, "walkthrough.practice_qr")             \
    X(WalkthroughPracticeQrNote, "walkthrough.practice_qr_note")    \
    X(ScanHint, "scan.hint")                                        \
    X(ScanStarting, "scan.starting")                                \
    X(ScanNoCamera, "scan.no_camera")                               \
    X(ScanNoCameraHelp, "scan.no_camera_help")                      \
    X(ScanAnother, "scan.another")                                  \
    X(ScanNeverOpensLinks, "scan.never_opens_links")                \
    X(ScanKindVietqr, "scan.kind_vietqr")                           \
    X(ScanBank, "scan.bank")                                        \
    X(ScanUnknownBank, "scan.unknown_bank")                         \
    X(ScanAccount, "scan.account")                                  \
    X(ScanAmount, "scan.amount")                                    \
    X(ScanAmountOpen, "scan.amount_open")                           \
    X(ScanPurpose, "scan.purpose")                                  \
    X(ScanRecipient, "scan.recipient")                              \
    X(ScanCheckName, "scan.check_name")                             \
    X(ScanDamaged, "scan.damaged")                                  \
    X(ScanKindCccd, "scan.kind_cccd")                               \
    X(ScanCardConsent, "scan.card_consent")                         \
    X(ScanShowCard, "scan.show_card")                               \
    X(ScanDiscardCard, "scan.discard_card")                         \
    X(ScanName, "scan.name")                                        \
    X(ScanBirthDate, "scan.birth_date")                             \
    X(ScanIdNumber, "scan.id_number")                               \
    X(ScanCardMismatch, "scan.card_mismatch")                       \
    X(ScanKindUrl, "scan.kind_url")                                 \
    X(ScanWebsite, "scan.website")                                  \
    X(ScanGovernment, "scan.government")                            \
    X(ScanNotGovernment, "scan.not_government")                     \
    X(ScanNotHttps, "scan.not_https")                               \
    X(ScanShortener, "scan.shortener")                              \
    X(ScanLookalike, "scan.lookalike")                              \
    X(ScanKindText, "scan.kind_text")                               \
    X(ScanRemoved, "scan.removed")                                  \
    X(TicketChooseService, "ticket.choose_service")                 \
    X(TicketPriorityQuestion, "ticket.priority_question")           \
    X(TicketPriorityHint, "ticket.priority_hint")                   \
    X(TicketPriorityNone, "ticket.priority_none")                   \
    X(TicketPriorityAged, "ticket.priority_aged")                   \
    X(TicketPriorityDisability, "ticket.priority_disability")       \
    X(TicketPriorityPregnant, "ticket.priority_pregnant")           \
    X(TicketPriorityChild, "ticket.priority_child")                 \
    X(TicketYourNumber, "ticket.your_number")                       \
    X(TicketPeopleAhead, "ticket.people_ahead")                     \
    X(TicketNobodyAhead, "ticket.nobody_ahead")                     \
    X(TicketEstimatedWait, "ticket.estimated_wait")                 \
    X(TicketNotPrinted, "ticket.not_printed")                       \
    X(TicketFailedTitle, "ticket.failed_title")                     \
    X(DeskEntry, "desk.entry")                                      \
    X(DeskChooseTitle, "desk.choose_title")                         \
    X(DeskNoVolunteers, "desk.no_volunteers")                       \
    X(DeskPinTitle, "desk.pin_title")                               \
    X(DeskPinWrong, "desk.pin_wrong")                               \
    X(DeskPinLocked, "desk.pin_locked")                             \
    X(DeskPinChecking, "desk.pin_checking")                         \
    X(DeskErase, "desk.erase")                                      \
    X(DeskBack, "desk.back")                                        \
    X(DeskSignOut, "desk.sign_out")                                 \
    X(DeskTitle, "desk.title")                                      \
    X(DeskWaiting, "desk.waiting")                                  \
    X(DeskNobodyWaiting, "desk.nobody_waiting")                     \
    X(DeskWaitMinutes, "desk.wait_minutes")                         \
    X(DeskPriority, "desk.priority")                                \
    X(DeskCallNext, "desk.call_next")                               \
    X(DeskServing, "desk.serving")                                  \
    X(DeskNobodyServed, "desk.nobody_served")                       \
    X(DeskRecall, "desk.recall")                                    \
    X(DeskNoShow, "desk.no_show")                                   \
    X(DeskTransfer, "desk.transfer")                                \
    X(DeskDone, "desk.done")                                        \
    X(DeskRecentNoShows, "desk.recent_no_shows")                    \
    X(DeskStatistics, "desk.statistics")                            \
    X(DeskSaving, "desk.saving")                                    \
    X(DeskFailed, "desk.failed")                                    \
    X(DeskPrinterProblem, "desk.printer_problem")                   \
    X(HelpFormTitle, "help_form.title")                             \
    X(HelpFormSkill, "help_form.skill")                             \
    X(HelpFormTask, "help_form.task")                               \
    X(HelpFormOutcome, "help_form.outcome")                         \
    X(HelpFormVisit, "help_form.visit")                             \
    X(HelpFormAgeBand, "help_form.age_band")                        \
    X(HelpFormNote, "help_form.note")                               \
    X(HelpFormSave, "help_form.save")                               \
    X(HelpFormIncomplete, "help_form.incomplete")                   \
    X(SkillPublicServices, "skill.public_services")                 \
    X(SkillOnlineShopping, "skill.online_shopping")                 \
    X(SkillOnlinePayment, "skill.online_payment")                   \
    X(SkillSelfProtection, "skill.self_protection")                 \
    X(SkillLocalPlatforms, "skill.local_platforms")                 \
    X(TaskVneidLevel1, "task.vneid_level1")                         \
    X(TaskVneidLevel2, "task.vneid_level2_preparation")             \
    X(TaskVneidActivation, "task.vneid_activation")                 \
    X(TaskPublicServiceFiling, "task.public_service_filing")        \
    X(TaskBankOrQrPayment, "task.bank_or_qr_payment")               \
    X(TaskEcommerce, "task.ecommerce")                              \
    X(TaskScamAdvice, "task.scam_advice")                           \
    X(TaskOther, "task.other")                                      \
    X(OutcomeDone, "outcome.done")                                  \
    X(OutcomePartly, "outcome.partly")                              \
    X(OutcomeReferredPolice, "outcome.referred_police")             \
    X(OutcomeReferredBank, "outcome.referred_bank")                 \
    X(OutcomeReferredPostOffice, "outcome.referred_post_office")    \
    X(OutcomeNeedsDevice, "outcome.needs_device")                   \
    X(VisitFirst, "visit.first")                                    \
    X(VisitRepeat, "visit.repeat")                                  \
    X(AgeUnder18, "age.under_18")                                   \
    X(Age18To34, "age.18_34")                                       \
    X(Age35To59, "age.35_59")                                       \
    X(Age60To74, "age.60_74")                                       \
    X(Age75Plus, "age.75_plus")                                     \
    X(AgeUnknown, "age.unknown")                                    \
    X(RatingTitle, "rating.title")                                  \
    X(RatingSatisfied, "rating.satisfied")                          \
    X(RatingNeutral, "rating.neutral")                              \
    X(RatingNeedsImprovement, "rating.needs_improvement")           \
    X(RatingSkip, "rating.skip")                                    \
    X(StatsTitle, "stats.title")                                    \
    X(StatsToday, "stats.today")                                    \
    X(StatsWeek, "stats.week")                                      \
    X(StatsMonth, "stats.month")                                    \
    X(StatsTickets, "stats.tickets")                                \
    X(StatsServed, "stats.served")                                  \
    X(StatsNoShows, "stats.no_shows")                               \
    X(StatsHouseholds, "stats.households")                          \
    X(StatsMedianWait, "stats.median_wait")                         \
    X(StatsP90Wait, "stats.p90_wait")                               \
    X(StatsMedianService, "stats.median_service")                   \
    X(StatsMinutes, "stats.minutes")                                \
    X(StatsBySkill, "stats.by_skill")                               \
    X(StatsByOutcome, "stats.by_outcome")                           \
    X(StatsRatings, "stats.ratings")                                \
    X(StatsExportUsb, "stats.export_usb")                           \
    X(StatsExporting, "stats.exporting")                            \
    X(StatsExported, "stats.exported")                              \
    X(StatsNoUsb, "stats.no_usb")                                   \
    X(StatsClose, "stats.close")                                    \
    X(HelpTicketNumber, "help.ticket_number")                       \
    X(HelpTicketBody, "help.ticket_body")                           \
    X(PrinterPaperOut, "printer.paper_out")                         \
    X(PrinterPaperLow, "printer.paper_low")                         \
    X(PrinterCoverOpen, "printer.cover_open")                       \
    X(PrinterOffline, "printer.offline")                            \
    X(PrinterUnreachable, "printer.unreachable")                    \
    X(TicketPrinting, "ticket.printing")                            \
    X(TicketPrinted, "ticket.printed")                              \
    X(TicketPrintFailed, "ticket.print_failed")

enum class MessageId : std::size_t {
#define KIOSK_MESSAGE_ENUM(id, key) id,
    KIOSK_MESSAGES(KIOSK_MESSAGE_ENUM)
#undef KIOSK_MESSAGE_ENUM
};

inline constexpr std::array kMessageKeys = {
#define KIOSK_MESSAGE_KEY(id, key) std::string_view(key),
    KIOSK_MESSAGES(KIOSK_MESSAGE_KEY)
#undef KIOSK_MESSAGE_KEY
};

inline constexpr std::size_t kMessageCount = kMessageKeys.size();

inline std::string_view messageKey(MessageId id) {
    return kMessageKeys[static_cast<std::size_t>(id)];
}

}  // namespace kiosk::i18n
