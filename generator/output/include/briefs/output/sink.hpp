#pragma once
/// briefs::output — where rendered files go: a folder (through `staging`) or memory (tests, preview).
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace briefs::output {

class sink {
public:
    virtual ~sink() = default;
    /// Stores one file at the '/'-separated path `rel`. Returns "" or an error sentence. Thread-safe
    /// for distinct paths.
    virtual std::string write(const std::string& rel, std::string_view bytes) = 0;
    /// Stores a copy of the file `from` (a file kept beside the content: an image, a PDF) at `rel`. This
    /// one reads it and writes its bytes. Returns "" or an error sentence. Thread-safe for distinct paths.
    virtual std::string copy(const std::string& rel, const std::filesystem::path& from);
    /// Removes a file that the site no longer has. Returns "" or an error sentence.
    virtual std::string remove(const std::string& rel) = 0;
};

/// Keeps every file in memory, sorted by path.
class memory_sink final : public sink {
public:
    std::string write(const std::string& rel, std::string_view bytes) override {
        std::lock_guard lock(mutex_);
        files_[rel] = std::string(bytes);
        return "";
    }
    std::string remove(const std::string& rel) override {
        std::lock_guard lock(mutex_);
        files_.erase(rel);
        return "";
    }
    [[nodiscard]] const std::map<std::string, std::string>& files() const { return files_; }

private:
    std::mutex mutex_;
    std::map<std::string, std::string> files_;
};

}  // namespace briefs::output
