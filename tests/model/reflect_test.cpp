// Compile-time names: structs in namespaces, anonymous namespaces and templates,
// fields with unusual names, enumerators with gaps and the [0, 64) range.
#include "models.hpp"

#include <doctest/doctest.h>

namespace outer::inner {
enum Plain { plain_a, plain_b };
struct Deep {
  std::int64_t id;
  std::string _private_looking;
  double value2;
};
template <class T>
struct Box {
  std::int64_t id;
  T content;
};
enum class Gaps : std::int16_t { zero = 0, five = 5, sixty_three = 63, sixty_four = 64 };
template <Gaps G>
struct Tagged {
  std::int64_t id;
  std::string label;
};
}  // namespace outer::inner

namespace {
struct Hidden {
  std::int64_t id;
  bool flag;
};
enum class Secret { a, b };
enum class Switch : bool { off, on };
}  // namespace

namespace {

using db::detail::enum_reflection;
using db::detail::field_name;
using db::detail::member_index;
using db::detail::type_name;
using outer::inner::Box;
using outer::inner::Deep;
using outer::inner::Gaps;

static_assert(type_name<Deep> == "Deep");
static_assert(type_name<Hidden> == "Hidden");
static_assert(type_name<Box<int>> == "Box");
static_assert(type_name<Secret> == "Secret");
static_assert(field_name<Deep, 1> == "_private_looking");
static_assert(field_name<Deep, 2> == "value2");
static_assert(field_name<Box<std::string>, 1> == "content");
static_assert(field_name<Hidden, 1> == "flag");
// A template argument printed with parentheses: "(outer::inner::Gaps)7".
static_assert(field_name<outer::inner::Tagged<static_cast<Gaps>(7)>, 1> == "label");
static_assert(type_name<outer::inner::Tagged<Gaps::five>> == "Tagged");
static_assert(member_index<Deep, &Deep::value2>() == 2);
static_assert(member_index<Deep, &Hidden::flag>() == 3);  // another struct's member: not found

static_assert(enum_reflection<Gaps>::count == 3);  // 64 is outside the reflected range
static_assert(enum_reflection<Gaps>::names[1] == "five");
static_assert(enum_reflection<Gaps>::names[2] == "sixty_three");
static_assert(enum_reflection<Gaps>::name(Gaps::sixty_four).empty());
static_assert(enum_reflection<Secret>::names[1] == "b");
static_assert(enum_reflection<Switch>::count == 2 && enum_reflection<Switch>::names[1] == "on");

// Unscoped enums are not a supported field type.
static_assert(db::detail::builtin_type<outer::inner::Plain>().kind == db::type_kind::unsupported);
static_assert(db::detail::builtin_type<Gaps>().kind == db::type_kind::enumeration);
static_assert(db::detail::builtin_type<char>().kind == db::type_kind::unsupported);
static_assert(db::detail::builtin_type<long long>().kind == db::type_kind::int64);
static_assert(db::detail::builtin_type<unsigned short>().kind == db::type_kind::uint16);

}  // namespace

TEST_CASE("reflected names reach the schema") {
  const db::schema s = db::schema_of<Deep, Hidden, Box<std::string>>(db::dialect::sqlite);
  REQUIRE(s.find_table("Deep") != nullptr);
  CHECK(s.find_table("Deep")->find_column("_private_looking") != nullptr);
  REQUIRE(s.find_table("Box") != nullptr);
  CHECK(s.find_table("Box")->find_column("content")->type == "TEXT");
  REQUIRE(s.find_table("Hidden") != nullptr);
  CHECK(s.find_table("Hidden")->find_column("flag")->type == "BOOLEAN");
}
