// "Can / cannot push": every compile-time rejection, asked through the concepts
// (no static_assert fires here) and db::validate, which names the field.
#include "model_checks.hpp"
#include "models.hpp"

#include <doctest/doctest.h>

#include <string_view>

namespace pushable_test {

struct NoKey {
  std::string a;
};
struct TwoKeys {
  std::int64_t a;
  std::int64_t b;
};
struct OptionalKey {
  std::optional<std::int64_t> id;
};
struct OptionalCompositeKey {
  std::int64_t a;
  std::optional<std::int64_t> b;
};
struct TextAutoincrement {
  std::string code;
};
struct NonKeyAutoincrement {
  std::int64_t id;
  std::int64_t counter;
};
struct BadDefault {
  std::int64_t id;
  std::string title;
};
struct Stranger {
  std::int64_t id;
  std::string other;
};
struct OtherMember {
  std::int64_t id;
};
struct OtherIndexMember {
  std::int64_t id;
};
struct OtherKeyMember {
  std::int64_t id;
};
struct WrongFkType {
  std::int64_t id;
  std::int32_t user_id;
};
struct ByEmail {
  std::int64_t id;
  std::string user_email;
};
struct ByName {
  std::int64_t id;
  std::optional<std::string> user_name;
};
struct NullableFk {
  std::int64_t id;
  std::optional<std::int64_t> user_id;
};
struct SameColumn {
  std::int64_t id;
  std::string a;
  std::string b;
};
struct Unsupported {
  std::int64_t id;
  char letter;
};
struct UnsupportedOptional {
  std::int64_t id;
  std::optional<std::string_view> view;
};
struct Ignored {
  std::int64_t id;
  char letter;
};
struct IgnoredIndexed {
  std::int64_t id;
  std::string cache;
};
struct IgnoredUnique {
  std::int64_t id;
  std::string cache;
};
struct IgnoredTarget {
  std::int64_t id;
  std::int64_t legacy_key;
};
struct PointsAtIgnored {
  std::int64_t id;
  std::int64_t target;
};
struct UniqueOnly {
  std::string email;
};
struct AlsoUsers {
  std::int64_t id;
};

namespace v1 {
enum class Status { open, closed };
struct Ticket {
  std::int64_t id;
  Status status;
};
}  // namespace v1
namespace v2 {
enum class Status { draft, live };
struct Page {
  std::int64_t id;
  Status status;
};
struct Note {
  std::int64_t id;
  v1::Status status;  // the same enum as Ticket's: fine
};
}  // namespace v2

}  // namespace pushable_test

namespace pt = pushable_test;

template <>
struct db::model<pt::TwoKeys> {
  static constexpr auto fields = db::fields(db::field<&pt::TwoKeys::a>(db::primary_key),
                                            db::field<&pt::TwoKeys::b>(db::primary_key));
};
template <>
struct db::model<pt::OptionalKey> {
  static constexpr auto fields = db::fields(db::field<&pt::OptionalKey::id>(db::primary_key));
};
template <>
struct db::model<pt::OptionalCompositeKey> {
  static constexpr auto primary_key = db::primary_key_on<&pt::OptionalCompositeKey::a, &pt::OptionalCompositeKey::b>();
};
template <>
struct db::model<pt::TextAutoincrement> {
  static constexpr auto fields =
      db::fields(db::field<&pt::TextAutoincrement::code>(db::primary_key, db::autoincrement));
};
template <>
struct db::model<pt::NonKeyAutoincrement> {
  static constexpr auto fields = db::fields(db::field<&pt::NonKeyAutoincrement::counter>(db::autoincrement));
};
template <>
struct db::model<pt::BadDefault> {
  static constexpr auto fields = db::fields(db::field<&pt::BadDefault::title>(db::default_value(42)));
};
template <>
struct db::model<pt::OtherMember> {
  static constexpr auto fields = db::fields(db::field<&pt::Stranger::other>(db::unique));
};
template <>
struct db::model<pt::OtherIndexMember> {
  static constexpr auto indexes = db::indexes(db::index_on<&pt::OtherIndexMember::id, &pt::Stranger::other>());
};
template <>
struct db::model<pt::OtherKeyMember> {
  static constexpr auto primary_key = db::primary_key_on<&pt::Stranger::id>();
};
template <>
struct db::model<pt::WrongFkType> {
  static constexpr auto fields = db::fields(db::field<&pt::WrongFkType::user_id>(db::references<&shop::User::id>()));
};
template <>
struct db::model<pt::ByEmail> {  // users.email is unique: fine
  static constexpr auto fields = db::fields(db::field<&pt::ByEmail::user_email>(db::references<&shop::User::email>()));
};
template <>
struct db::model<pt::ByName> {  // users.name is not unique
  static constexpr auto fields = db::fields(db::field<&pt::ByName::user_name>(db::references<&shop::User::name>()));
};
template <>
struct db::model<pt::NullableFk> {
  static constexpr auto fields = db::fields(db::field<&pt::NullableFk::user_id>(db::references<&shop::User::id>()));
};
template <>
struct db::model<pt::SameColumn> {
  static constexpr auto fields = db::fields(db::field<&pt::SameColumn::b>(db::column_name("a")));
};
template <>
struct db::model<pt::Ignored> {
  static constexpr auto fields = db::fields(db::field<&pt::Ignored::letter>(db::ignore));
};
template <>
struct db::model<pt::IgnoredIndexed> {
  static constexpr auto fields = db::fields(db::field<&pt::IgnoredIndexed::cache>(db::ignore));
  static constexpr auto indexes = db::indexes(db::index_on<&pt::IgnoredIndexed::cache>());
};
template <>
struct db::model<pt::IgnoredUnique> {
  static constexpr auto fields = db::fields(db::field<&pt::IgnoredUnique::cache>(db::ignore, db::unique));
};
template <>
struct db::model<pt::IgnoredTarget> {
  static constexpr auto fields = db::fields(db::field<&pt::IgnoredTarget::legacy_key>(db::ignore));
};
template <>
struct db::model<pt::PointsAtIgnored> {
  static constexpr auto fields =
      db::fields(db::field<&pt::PointsAtIgnored::target>(db::references<&pt::IgnoredTarget::legacy_key>()));
};
template <>
struct db::model<pt::UniqueOnly> {
  static constexpr auto fields = db::fields(db::field<&pt::UniqueOnly::email>(db::unique));
};
template <>
struct db::model<pt::AlsoUsers> {
  static constexpr auto table = "users";
};

namespace {

template <class... Models>
constexpr bool can_push = requires { requires db::pushable<Models...>; };

static_assert(can_push<shop::User, shop::Post>);
static_assert(can_push<shop::User>);
static_assert(!can_push<shop::Post>);  // references User, which is not in the list
static_assert(!can_push<pt::NoKey>);
static_assert(!can_push<pt::TwoKeys>);
static_assert(!can_push<pt::OptionalKey>);
static_assert(!can_push<pt::OptionalCompositeKey>);
static_assert(!can_push<pt::TextAutoincrement>);
static_assert(!can_push<pt::NonKeyAutoincrement>);
static_assert(!can_push<pt::BadDefault>);
static_assert(!can_push<pt::OtherMember>);
static_assert(!can_push<pt::OtherIndexMember>);
static_assert(!can_push<pt::OtherKeyMember>);
static_assert(!can_push<pt::WrongFkType, shop::User>);
static_assert(can_push<pt::NullableFk, shop::User>);
static_assert(can_push<pt::ByEmail, shop::User>);
static_assert(!can_push<pt::ByName, shop::User>);
static_assert(!can_push<pt::SameColumn>);
static_assert(!can_push<pt::Unsupported>);
static_assert(!can_push<pt::UnsupportedOptional>);
static_assert(can_push<pt::Ignored>);
static_assert(!can_push<pt::IgnoredIndexed>);
static_assert(!can_push<pt::IgnoredUnique>);
static_assert(can_push<pt::IgnoredTarget>);
static_assert(!can_push<pt::PointsAtIgnored, pt::IgnoredTarget>);
static_assert(can_push<pt::UniqueOnly>);
static_assert(!can_push<shop::User, pt::AlsoUsers>);
static_assert(!can_push<pt::v1::Ticket, pt::v2::Page>);
static_assert(can_push<pt::v1::Ticket, pt::v2::Note>);

using model_test::check_error;

}  // namespace

TEST_CASE("db::validate names the first error and its field as written in code (&Model::field)") {
  check_error<shop::User>(db::model_error::none, "");
  check_error<pt::NoKey>(db::model_error::no_primary_key, "NoKey");
  check_error<pt::TwoKeys>(db::model_error::two_primary_keys, "&pushable_test::TwoKeys::b");
  check_error<pt::OptionalKey>(db::model_error::nullable_primary_key, "&pushable_test::OptionalKey::id");
  check_error<pt::OptionalCompositeKey>(db::model_error::nullable_primary_key, "&pushable_test::OptionalCompositeKey::b");
  check_error<pt::TextAutoincrement>(db::model_error::autoincrement_not_integer_key,
                                     "&pushable_test::TextAutoincrement::code");
  check_error<pt::NonKeyAutoincrement>(db::model_error::autoincrement_not_integer_key,
                                       "&pushable_test::NonKeyAutoincrement::counter");
  check_error<pt::BadDefault>(db::model_error::default_type_mismatch, "&pushable_test::BadDefault::title");
  check_error<pt::OtherMember>(db::model_error::member_of_other_struct, "&pushable_test::Stranger::other", "db::field");
  check_error<pt::OtherIndexMember>(db::model_error::member_of_other_struct, "&pushable_test::Stranger::other",
                                    "db::index_on");
  check_error<pt::OtherKeyMember>(db::model_error::member_of_other_struct, "&pushable_test::Stranger::id",
                                  "db::primary_key_on");
  check_error<pt::WrongFkType>(db::model_error::foreign_key_type_mismatch, "&pushable_test::WrongFkType::user_id");
  check_error<pt::ByName>(db::model_error::referenced_key_not_unique, "&pushable_test::ByName::user_name");
  check_error<pt::IgnoredIndexed>(db::model_error::ignored_field_used, "&pushable_test::IgnoredIndexed::cache",
                                  "db::index_on");
  check_error<pt::IgnoredUnique>(db::model_error::ignored_field_used, "&pushable_test::IgnoredUnique::cache",
                                 "db::unique");
  check_error<pt::PointsAtIgnored>(db::model_error::ignored_field_used, "&pushable_test::PointsAtIgnored::target",
                                   "db::references to it");
  check_error<pt::SameColumn>(db::model_error::duplicate_column, "&pushable_test::SameColumn::b");
  // The unsupported type is named (the value type of an optional).
  check_error<pt::Unsupported>(db::model_error::unsupported_type, "&pushable_test::Unsupported::letter", "char");
  check_error<pt::UnsupportedOptional>(db::model_error::unsupported_type,
                                       "&pushable_test::UnsupportedOptional::view", "std::basic_string_view<char>");
}

TEST_CASE("list errors: missing referenced model, duplicate table") {
  constexpr auto missing = db::detail::list_validation_of<shop::Post>;
  CHECK(missing.error == db::model_error::referenced_model_missing);
  CHECK(missing.model == "Post");
  CHECK(missing.field == "&shop::Post::author_id");
  CHECK(missing.other == "User");
  constexpr auto duplicate = db::detail::list_validation_of<shop::User, pt::AlsoUsers>;
  CHECK(duplicate.error == db::model_error::duplicate_table);
  CHECK(duplicate.field == "users");
  constexpr auto enums = db::detail::list_validation_of<pt::v1::Ticket, pt::v2::Page>;
  CHECK(enums.error == db::model_error::duplicate_enum_name);
  CHECK(enums.model == "Page");
  CHECK(enums.field == "&pushable_test::v2::Page::status");
  CHECK(enums.other == "Ticket");
}

TEST_CASE("list errors name the first repeated table or enum in list order, whatever the names' order") {
  constexpr auto later_pair = db::detail::list_validation_of<pt::v1::Ticket, pt::AlsoUsers, pt::v2::Note, shop::User>;
  CHECK(later_pair.error == db::model_error::duplicate_table);
  CHECK(later_pair.model == "AlsoUsers");
  CHECK(later_pair.field == "users");
  CHECK(later_pair.other == "User");
  constexpr auto twice = db::detail::list_validation_of<shop::User, pt::v1::Ticket, pt::v1::Ticket, shop::User>;
  CHECK(twice.error == db::model_error::duplicate_table);
  CHECK(twice.model == "Ticket");
  CHECK(twice.other == "Ticket");
  // The same enum used twice is no clash; the other enum of that name is.
  constexpr auto enums = db::detail::list_validation_of<pt::v1::Ticket, pt::v2::Note, pt::v1::Ticket, pt::v2::Page>;
  CHECK(enums.error == db::model_error::duplicate_enum_name);
  CHECK(enums.model == "Page");
  CHECK(enums.other == "Ticket");
  static_assert(db::detail::list_validation_of<shop::User, shop::Post>.error == db::model_error::none);
  static_assert(db::detail::list_validation_of<shop::Post, shop::User>.error == db::model_error::none);
}

TEST_CASE("a model with only a unique criterion has no primary key") {
  const db::schema s = db::schema_of<pt::UniqueOnly>(db::dialect::sqlite);
  CHECK(s.tables[0].primary_key.empty());
  REQUIRE(s.tables[0].indexes.size() == 1);
  CHECK(s.tables[0].indexes[0].unique);
}
