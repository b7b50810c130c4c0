// Fuzz target: SQLite declared types and defaults as pragma_table_xinfo reports
// them. Input: the declared type, a newline, another declared type (the cast's
// target), a newline, the default's text.
#include "fuzz.hpp"
#include "parsers.hpp"

#include <algorithm>

namespace parse = fuzz::sqlite_parse;
using db::sqlite::detail::sql_token;

namespace {

// The tokens of a default with every pair of parentheses that wraps all of it
// removed: what canonicalising may take away (the test's own reading).
std::vector<sql_token> unwrapped_tokens(std::string_view text) {
  auto tokens = parse::tokenize(text);
  auto wraps_all = [](const std::vector<sql_token>& t) {
    if (t.size() < 2 || !t.front().is_symbol('(') || !t.back().is_symbol(')')) return false;
    int depth = 0;
    for (std::size_t i = 0; i + 1 < t.size(); ++i) {
      depth += t[i].is_symbol('(') ? 1 : t[i].is_symbol(')') ? -1 : 0;
      if (depth == 0) return false;
    }
    return depth == 1;  // the last ")" closes the first "("
  };
  while (wraps_all(tokens)) tokens = std::vector<sql_token>(tokens.begin() + 1, tokens.end() - 1);
  return tokens;
}

// Same kinds and texts, words in any case.
bool same_tokens(const std::vector<sql_token>& a, const std::vector<sql_token>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const sql_token& x, const sql_token& y) {
    if (x.type != y.type) return false;
    return x.type == sql_token::kind::word ? db::detail::equals_upper_ascii(x.text, db::detail::to_upper_ascii(y.text))
                                           : x.text == y.text;
  });
}

void check_type(const std::string& declared) {
  const auto canonical = parse::canonical_type(declared);
  fuzz::require(parse::canonical_type(canonical) == canonical, "canonical_type is idempotent", canonical);
  fuzz::require(parse::affinity_of(canonical) == parse::affinity_of(declared),
                "canonical_type keeps the affinity", canonical);
}

void check_default(const std::string& written) {
  const auto canonical = parse::canonical_default(written);
  // Trimmed first, as documented: an unterminated quote at the end loses its trailing spaces.
  const auto expected = unwrapped_tokens(db::detail::trim(written));
  if (!canonical) {
    fuzz::require(expected.empty() || (expected.size() == 1 && expected[0].is_keyword("NULL")),
                  "only an empty default or NULL means none", written);
    return;
  }
  fuzz::require(same_tokens(parse::tokenize(*canonical), expected),
                "canonical_default only removes wrapping parentheses and spells keywords upper case", *canonical);
  fuzz::require(parse::canonical_default(*canonical) == canonical, "canonical_default is idempotent", *canonical);
  parse::is_literal_default(*canonical);
  parse::default_expression(*canonical);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto f = fuzz::fields(fuzz::text_of(data, size), 3);
  check_type(f[0]);
  check_type(f[1]);
  check_default(f[2]);
  parse::classify_cast(f[0], f[1]);
  parse::classify_cast(parse::canonical_type(f[0]), parse::canonical_type(f[1]));
  parse::converted_value("\"c\"", f[0], f[1]);

  // A target with that column: canonicalising it twice changes nothing more
  // than once, and a schema is_canonical calls canonical is left as it is
  // (it may say false of a canonical one: the push then copies it).
  db::schema target;
  target.tables.push_back(db::table{"t", {db::column{"c", f[0], true, f[2]}}, {}, {}, {}, {}});
  auto canonical = target;
  parse::canonicalise(canonical);
  auto again = canonical;
  parse::canonicalise(again);
  fuzz::require(again == canonical, "canonicalise is idempotent", f[0] + " / " + f[2]);
  fuzz::require(!parse::is_canonical(target) || canonical == target,
                "canonicalise changes nothing in a schema is_canonical accepts", f[0] + " / " + f[2]);
  return 0;
}
