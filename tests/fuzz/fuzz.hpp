// dbpush fuzzing: what every target shares. A target is a libFuzzer entry point
// (LLVMFuzzerTestOneInput); the same sources also build with replay_main.cpp
// into a program that runs them over the corpus, in every build (tests.cmake).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace fuzz {

// The input as text.
inline std::string_view text_of(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// The input cut into `count` fields at its first count - 1 newlines; the last
// field keeps the rest (newlines included), missing fields are empty. Corpus
// files so read as one field per line.
inline std::vector<std::string> fields(std::string_view input, std::size_t count) {
  std::vector<std::string> out;
  while (out.size() + 1 < count) {
    const auto nl = input.find('\n');
    out.emplace_back(input.substr(0, nl));
    input = nl == std::string_view::npos ? std::string_view() : input.substr(nl + 1);
  }
  out.emplace_back(input);
  return out;
}

// A property the parsers keep: broken, the run stops with the property, the
// values involved and the input, which libFuzzer saves as a crash.
inline void require(bool holds, const char* property, std::string_view detail = {}) {
  if (holds) return;
  std::fprintf(stderr, "dbpush fuzz: property broken: %s\n  %.*s\n", property, static_cast<int>(detail.size()),
               detail.data());
  std::abort();
}

}  // namespace fuzz
