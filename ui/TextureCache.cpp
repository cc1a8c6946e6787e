#include "ui/TextureCache.h"

#include <SDL_opengl.h>
#include <spdlog/spdlog.h>
#include <stb/stb_image.h>

namespace ui {

namespace {

GLuint makeTexture(const unsigned char* rgba, int width, int height, GLuint existing) {
    GLuint texture = existing;
    if (!texture) glGenTextures(1, &texture);
    glBindTexture(GL_TEXTURE_2D, texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);  // QR modules stay crisp
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
    return texture;
}

}  // namespace

TextureCache::~TextureCache() {
    for (auto& [name, texture] : textures_) {
        if (!texture) continue;
        GLuint id = static_cast<GLuint>(reinterpret_cast<uintptr_t>(texture->id));
        glDeleteTextures(1, &id);
    }
}

std::optional<Texture> TextureCache::get(const std::filesystem::path& file) {
    const auto found = textures_.find(file.string());
    if (found != textures_.end()) return found->second;
    int width = 0;
    int height = 0;
    int channels = 0;
    unsigned char* pixels = stbi_load(file.c_str(), &width, &height, &channels, 4);
    if (!pixels) {
        spdlog::warn("cannot load image {}: {}", file.string(), stbi_failure_reason());
        textures_[file.string()] = std::nullopt;
        return std::nullopt;
    }
    const GLuint id = makeTexture(pixels, width, height, 0);
    stbi_image_free(pixels);
    Texture texture{reinterpret_cast<ImTextureID>(static_cast<uintptr_t>(id)),
                    ImVec2(static_cast<float>(width), static_cast<float>(height))};
    textures_[file.string()] = texture;
    return texture;
}

Texture TextureCache::upload(const std::string& name, const unsigned char* rgba, int width, int height) {
    GLuint existing = 0;
    if (auto found = textures_.find(name); found != textures_.end() && found->second) {
        existing = static_cast<GLuint>(reinterpret_cast<uintptr_t>(found->second->id));
    }
    const GLuint id = makeTexture(rgba, width, height, existing);
    Texture texture{reinterpret_cast<ImTextureID>(static_cast<uintptr_t>(id)),
                    ImVec2(static_cast<float>(width), static_cast<float>(height))};
    textures_[name] = texture;
    return texture;
}

}  // namespace ui
