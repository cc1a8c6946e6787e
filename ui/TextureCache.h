// PNG illustrations as GL textures, loaded once on first use and kept: a walkthrough has a
// handful, so a small cache beats reloading on every frame.
#pragma once

#include <imgui.h>

#include <filesystem>
#include <map>
#include <optional>

namespace ui {

struct Texture {
    ImTextureID id = nullptr;
    ImVec2 size;
};

class TextureCache {
public:
    TextureCache() = default;
    TextureCache(const TextureCache&) = delete;
    TextureCache& operator=(const TextureCache&) = delete;
    ~TextureCache();

    // nullopt if the file cannot be read (the content check already refuses missing images).
    std::optional<Texture> get(const std::filesystem::path& file);
    // Replaces the pixels of a named texture in place (e.g. a generated QR code).
    Texture upload(const std::string& name, const unsigned char* rgba, int width, int height);

private:
    std::map<std::string, std::optional<Texture>> textures_;
};

}  // namespace ui
