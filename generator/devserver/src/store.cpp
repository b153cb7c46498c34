#include "briefs/devserver/store.hpp"

namespace briefs::devserver {

std::string store::write(const std::string& rel, std::string_view bytes) {
    auto file = std::make_shared<const std::string>(bytes);
    std::lock_guard lock(mutex_);
    draft_[rel] = std::move(file);
    return "";
}

std::string store::remove(const std::string& rel) {
    std::lock_guard lock(mutex_);
    draft_.erase(rel);
    return "";
}

void store::begin() {
    std::lock_guard lock(mutex_);
    draft_ = *published_;
}

void store::publish() {
    std::lock_guard lock(mutex_);
    published_ = std::make_shared<const file_map>(std::move(draft_));
    draft_.clear();
}

void store::discard() {
    std::lock_guard lock(mutex_);
    draft_.clear();
}

std::shared_ptr<const file_map> store::snapshot() const {
    std::lock_guard lock(mutex_);
    return published_;
}

}  // namespace briefs::devserver
