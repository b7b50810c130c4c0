// Fuzz target: the PostgreSQL catalog's other texts dbpush reads: the key and
// index columns (int2vector "2 1", int2[] "{2,1}") and the NOTICEs that carry
// the server's spelling of an expression ("dbpush-spelling <n> <hex>", with
// libpq's severity prefix and CONTEXT lines around it).
#include "fuzz.hpp"
#include "parsers.hpp"

namespace parse = fuzz::postgres_parse;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(fuzz::text_of(data, size));
  parse::attnums_of(text);
  parse::parse_spelling_notice(text);

  // Any text the server sends back as an answer reads back as itself.
  static constexpr char hex_digits[] = "0123456789abcdef";
  std::string notice = "NOTICE:  dbpush-spelling 17 ";
  for (const unsigned char c : text) {
    notice += hex_digits[c >> 4];
    notice += hex_digits[c & 15];
  }
  notice += "\nCONTEXT:  PL/pgSQL function inline_code_block line 3 at RAISE\n";
  const auto answer = parse::parse_spelling_notice(notice);
  fuzz::require(answer && answer->question == 17 && answer->text == text, "a spelling NOTICE reads back its text",
                text);
  return 0;
}
