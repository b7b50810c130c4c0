// Structs Boost.PFR cannot reflect are refused before anything is reflected,
// with one dbpush error each (model_error::not_a_struct ... reference_member).
// Asked through the concepts: a Boost.PFR error would stop this file compiling.
#include "model_checks.hpp"
#include "models.hpp"

#include <doctest/doctest.h>

#include <array>
#include <memory>
#include <string_view>

namespace reflectable_test {

struct Entity {
  std::int64_t id;
};
struct Tag {};

// Not a struct.
union Union {
  std::int64_t id;
  double weight;
};

// Not aggregates.
struct DefaultedConstructor {
  DefaultedConstructor() = default;  // user-declared: no aggregate in C++20
  std::int64_t id;
};
struct Constructor {
  explicit Constructor(std::int64_t i) : id(i) {}
  std::int64_t id;
};
class PrivateField {
 public:
  std::int64_t id;

 private:
  std::string secret;
};
class ProtectedField {
 public:
  std::int64_t id;

 protected:
  std::string secret;
};
struct VirtualFunction {
  virtual ~VirtualFunction() = default;
  std::int64_t id;
};

// Base classes, with fields or without.
struct Derived : Entity {
  std::string label;
};
struct Tagged : Tag {
  std::int64_t id;
};

// C arrays, wherever they are.
struct IntArray {
  std::int64_t id;
  int codes[3];
};
struct CharArrayFirst {
  char code[4];
  std::int64_t id;
};
struct Grid {
  std::int64_t id;
  std::string label;
  double grid[2][2];
};
struct ByteArray {
  std::int64_t id;
  std::byte hash[16];
  std::string label;
};

// References of every kind.
struct ConstReference {
  std::int64_t id;
  const std::string& label;
};
struct MutableReference {
  std::int64_t id;
  std::string& label;
};
struct RvalueReference {
  std::int64_t id;
  std::string&& label;
};

// Reflectable, although unusual.
struct ConstField {
  const std::int64_t id;
  std::string label;
};
struct MoveOnlyField {
  std::int64_t id;
  std::unique_ptr<int> cache;
};
struct StdArrayField {
  std::int64_t id;
  std::array<int, 3> codes;
};
struct NoDefaultConstructor {
  explicit NoDefaultConstructor(int) {}
};
struct HoldsNoDefault {
  std::int64_t id;
  NoDefaultConstructor value;
};
struct Empty {};

// A valid model that references one that cannot be reflected.
struct Holder {
  std::int64_t id;
  std::int64_t owner_id;
};

}  // namespace reflectable_test

namespace rt = reflectable_test;

template <>
struct db::model<rt::MoveOnlyField> {
  static constexpr auto fields = db::fields(db::field<&rt::MoveOnlyField::cache>(db::ignore));
};
template <>
struct db::model<rt::StdArrayField> {
  static constexpr auto fields = db::fields(db::field<&rt::StdArrayField::codes>(db::ignore));
};
template <>
struct db::model<rt::HoldsNoDefault> {
  static constexpr auto fields = db::fields(db::field<&rt::HoldsNoDefault::value>(db::ignore));
};
template <>
struct db::model<rt::Holder> {
  static constexpr auto fields = db::fields(db::field<&rt::Holder::owner_id>(db::references<&rt::Constructor::id>()));
};

namespace {

template <class... Models>
constexpr bool can_push = requires { requires db::pushable<Models...>; };

template <class T>
void check_refused(db::model_error error, std::string_view model, std::string_view detail = {}) {
  model_test::check_error<T>(error, model, detail);
  CHECK_FALSE(db::valid_model<T>);
  CHECK_FALSE(can_push<T>);
}

}  // namespace

TEST_CASE("a struct Boost.PFR cannot reflect is refused first, with what to change") {
  check_refused<rt::Union>(db::model_error::not_a_struct, "Union");
  check_refused<rt::DefaultedConstructor>(db::model_error::not_an_aggregate, "DefaultedConstructor");
  check_refused<rt::Constructor>(db::model_error::not_an_aggregate, "Constructor");
  check_refused<rt::PrivateField>(db::model_error::not_an_aggregate, "PrivateField");
  check_refused<rt::ProtectedField>(db::model_error::not_an_aggregate, "ProtectedField");
  check_refused<rt::VirtualFunction>(db::model_error::not_an_aggregate, "VirtualFunction");
  check_refused<rt::Derived>(db::model_error::has_base_class, "Derived");
  check_refused<rt::Tagged>(db::model_error::has_base_class, "Tagged");
  // A C array's position is named (its name cannot be read).
  check_refused<rt::IntArray>(db::model_error::c_array_member, "IntArray", "field 2 (counting from 1)");
  check_refused<rt::CharArrayFirst>(db::model_error::c_array_member, "CharArrayFirst", "field 1 (counting from 1)");
  check_refused<rt::Grid>(db::model_error::c_array_member, "Grid", "field 3 (counting from 1)");
  check_refused<rt::ByteArray>(db::model_error::c_array_member, "ByteArray", "field 2 (counting from 1)");
  check_refused<rt::ConstReference>(db::model_error::reference_member, "ConstReference");
  check_refused<rt::MutableReference>(db::model_error::reference_member, "MutableReference");
  check_refused<rt::RvalueReference>(db::model_error::reference_member, "RvalueReference");
}

TEST_CASE("const, move-only, std::array and non-default-constructible fields are reflected") {
  static_assert(can_push<rt::ConstField>);
  static_assert(can_push<rt::MoveOnlyField>);
  static_assert(can_push<rt::StdArrayField>);
  static_assert(can_push<rt::HoldsNoDefault>);
  const db::schema s = db::schema_of<rt::ConstField, rt::MoveOnlyField>(db::dialect::sqlite);
  REQUIRE(s.tables.size() == 2);
  CHECK(s.tables[0].columns.size() + s.tables[1].columns.size() == 3);
  // An empty struct is reflected, and has no key.
  CHECK(db::validate<rt::Empty>().error == db::model_error::no_primary_key);
}

TEST_CASE("a model referencing a struct that cannot be reflected is itself valid; the list is not") {
  static_assert(db::valid_model<rt::Holder>);
  static_assert(!can_push<rt::Holder, rt::Constructor>);
  CHECK(db::validate<rt::Holder>().error == db::model_error::none);
}
