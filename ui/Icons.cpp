#include "ui/Icons.h"

#include <algorithm>

namespace ui {

using kiosk::helplog::Skill;
using kiosk::session::Feature;

Icon iconFor(Feature feature) {
    switch (feature) {
        case Feature::Vneid: return Icon::IdCard;
        case Feature::QrPayment: return Icon::QrPayment;
        case Feature::PublicServices: return Icon::Building;
        case Feature::OnlineSafety: return Icon::Shield;
        case Feature::Scan: return Icon::Camera;
        case Feature::Ticket: return Icon::Ticket;
    }
    return Icon::Ticket;
}

Icon iconFor(Skill skill) {
    switch (skill) {
        case Skill::PublicServices: return Icon::Building;
        case Skill::OnlineShopping: return Icon::ShoppingBag;
        case Skill::OnlinePayment: return Icon::QrPayment;
        case Skill::SelfProtection: return Icon::Shield;
        case Skill::LocalPlatforms: return Icon::Phone;
    }
    return Icon::Phone;
}

namespace {

// Drawing in a unit square: (0, 0) top left, (1, 1) bottom right of the icon.
class Pen {
public:
    Pen(ImDrawList* draw, ImVec2 min, float side, ImU32 color)
        : draw_(draw), min_(min), side_(side), color_(color), stroke_(std::max(2.0f, side * 0.07f)) {}

    ImVec2 at(float x, float y) const { return ImVec2(min_.x + x * side_, min_.y + y * side_); }
    void box(float x0, float y0, float x1, float y1, float rounding = 0.08f) const {
        draw_->AddRect(at(x0, y0), at(x1, y1), color_, rounding * side_, 0, stroke_);
    }
    void filledBox(float x0, float y0, float x1, float y1) const {
        draw_->AddRectFilled(at(x0, y0), at(x1, y1), color_, 0.02f * side_);
    }
    void line(float x0, float y0, float x1, float y1) const {
        draw_->AddLine(at(x0, y0), at(x1, y1), color_, stroke_);
    }
    void circle(float x, float y, float radius) const {
        draw_->AddCircle(at(x, y), radius * side_, color_, 32, stroke_);
    }
    void dot(float x, float y, float radius) const {
        draw_->AddCircleFilled(at(x, y), radius * side_, color_, 20);
    }
    void polyline(std::initializer_list<ImVec2> unitPoints, bool closed) const {
        for (const ImVec2& point : unitPoints)
            draw_->PathLineTo(at(point.x, point.y));
        draw_->PathStroke(color_, closed ? ImDrawFlags_Closed : 0, stroke_);
    }

private:
    ImDrawList* draw_;
    ImVec2 min_;
    float side_;
    ImU32 color_;
    float stroke_;
};

void qrFinder(const Pen& pen, float x, float y, float size) {
    pen.box(x, y, x + size, y + size, 0.02f);
    pen.filledBox(x + size * 0.33f, y + size * 0.33f, x + size * 0.67f, y + size * 0.67f);
}

}  // namespace

void drawIcon(ImDrawList* draw, Icon icon, ImVec2 min, float side, ImU32 color) {
    const Pen pen(draw, min, side, color);
    switch (icon) {
        case Icon::IdCard:
            pen.box(0.05f, 0.2f, 0.95f, 0.8f);
            pen.circle(0.3f, 0.43f, 0.09f);
            pen.polyline({{0.17f, 0.68f}, {0.2f, 0.6f}, {0.4f, 0.6f}, {0.43f, 0.68f}}, false);
            pen.line(0.55f, 0.4f, 0.85f, 0.4f);
            pen.line(0.55f, 0.52f, 0.85f, 0.52f);
            pen.line(0.55f, 0.64f, 0.75f, 0.64f);
            break;
        case Icon::QrPayment:
            qrFinder(pen, 0.05f, 0.08f, 0.26f);
            qrFinder(pen, 0.05f, 0.5f, 0.26f);
            qrFinder(pen, 0.43f, 0.08f, 0.26f);
            pen.filledBox(0.43f, 0.5f, 0.51f, 0.58f);
            pen.filledBox(0.55f, 0.62f, 0.63f, 0.7f);
            pen.circle(0.73f, 0.72f, 0.19f);
            pen.line(0.73f, 0.62f, 0.73f, 0.82f);
            break;
        case Icon::Building:
            pen.polyline({{0.08f, 0.34f}, {0.5f, 0.1f}, {0.92f, 0.34f}}, true);
            for (float x : {0.22f, 0.4f, 0.6f, 0.78f})
                pen.line(x, 0.42f, x, 0.76f);
            pen.line(0.08f, 0.84f, 0.92f, 0.84f);
            pen.dot(0.5f, 0.26f, 0.035f);  // the star on the pediment
            break;
        case Icon::Shield:
            pen.polyline(
                {{0.5f, 0.06f}, {0.86f, 0.2f}, {0.82f, 0.56f}, {0.5f, 0.94f}, {0.18f, 0.56f}, {0.14f, 0.2f}},
                true);
            pen.polyline({{0.32f, 0.5f}, {0.45f, 0.63f}, {0.7f, 0.36f}}, false);
            break;
        case Icon::Camera:
            // Four corner marks around a small code: "hold it here".
            pen.polyline({{0.06f, 0.3f}, {0.06f, 0.06f}, {0.3f, 0.06f}}, false);
            pen.polyline({{0.7f, 0.06f}, {0.94f, 0.06f}, {0.94f, 0.3f}}, false);
            pen.polyline({{0.06f, 0.7f}, {0.06f, 0.94f}, {0.3f, 0.94f}}, false);
            pen.polyline({{0.7f, 0.94f}, {0.94f, 0.94f}, {0.94f, 0.7f}}, false);
            qrFinder(pen, 0.28f, 0.28f, 0.2f);
            qrFinder(pen, 0.52f, 0.28f, 0.2f);
            qrFinder(pen, 0.28f, 0.52f, 0.2f);
            pen.filledBox(0.56f, 0.56f, 0.68f, 0.68f);
            break;
        case Icon::Ticket:
            pen.polyline({{0.05f, 0.25f},
                          {0.95f, 0.25f},
                          {0.95f, 0.42f},
                          {0.88f, 0.5f},
                          {0.95f, 0.58f},
                          {0.95f, 0.75f},
                          {0.05f, 0.75f},
                          {0.05f, 0.58f},
                          {0.12f, 0.5f},
                          {0.05f, 0.42f}},
                         true);
            pen.line(0.3f, 0.42f, 0.7f, 0.42f);
            pen.line(0.3f, 0.58f, 0.6f, 0.58f);
            break;
        case Icon::ShoppingBag:
            pen.box(0.14f, 0.32f, 0.86f, 0.92f, 0.05f);
            pen.polyline({{0.34f, 0.44f}, {0.34f, 0.2f}, {0.5f, 0.08f}, {0.66f, 0.2f}, {0.66f, 0.44f}},
                         false);
            break;
        case Icon::ArrowDown:
            pen.line(0.5f, 0.12f, 0.5f, 0.84f);
            pen.polyline({{0.22f, 0.58f}, {0.5f, 0.86f}, {0.78f, 0.58f}}, false);
            break;
        case Icon::ArrowUp:
            pen.line(0.5f, 0.16f, 0.5f, 0.88f);
            pen.polyline({{0.22f, 0.42f}, {0.5f, 0.14f}, {0.78f, 0.42f}}, false);
            break;
        case Icon::Phone:
            pen.box(0.26f, 0.05f, 0.74f, 0.95f, 0.1f);
            pen.line(0.42f, 0.14f, 0.58f, 0.14f);
            pen.dot(0.5f, 0.84f, 0.04f);
            break;
    }
}

}  // namespace ui
