// dbpush: definitions for <dbpush/detail/text.hpp>.
#pragma once

#include <dbpush/detail/text.hpp>

#include <algorithm>
#include <cctype>

namespace db::detail {

DBPUSH_INLINE std::string_view trim(std::string_view text) {
  auto space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

DBPUSH_INLINE char to_upper_ascii(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

DBPUSH_INLINE std::string to_upper_ascii(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = to_upper_ascii(c);
  return out;
}

DBPUSH_INLINE std::string to_lower_ascii(std::string_view text) {
  std::string out(text);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

DBPUSH_INLINE bool equals_upper_ascii(std::string_view text, std::string_view upper) {
  return text.size() == upper.size() &&
         std::equal(text.begin(), text.end(), upper.begin(), [](char a, char b) { return to_upper_ascii(a) == b; });
}

DBPUSH_INLINE std::string collapse_spaces(std::string_view text, std::string_view tight) {
  std::string out;
  bool pending_space = false;
  for (char c : trim(text)) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      pending_space = true;
      continue;
    }
    if (pending_space && tight.find(c) == std::string_view::npos && !out.empty() && out.back() != '(' &&
        out.back() != ',')
      out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

DBPUSH_INLINE void append_quoted(std::string& out, std::string_view text, char quote) {
  out += quote;
  // Whole runs between quotes: one append per run, not per character.
  for (auto at = text.find(quote); at != std::string_view::npos; at = text.find(quote)) {
    out.append(text.substr(0, at + 1));
    out += quote;
    text.remove_prefix(at + 1);
  }
  out.append(text);
  out += quote;
}

DBPUSH_INLINE std::string quoted(std::string_view text, char quote) {
  std::string out;
  out.reserve(text.size() + 2);
  append_quoted(out, text, quote);
  return out;
}

}  // namespace db::detail
