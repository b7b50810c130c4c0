// A std::optional primary key field.
#include <dbpush/dbpush.hpp>

#include <cstdint>
#include <optional>
#include <string>

struct Widget {
#ifdef DBPUSH_COMPILE_OK
  std::string code;
#else
  std::optional<std::string> code;
#endif
};

template <>
struct db::model<Widget> {
  static constexpr auto fields = db::fields(db::field<&Widget::code>(db::primary_key));
};

db::schema widget_schema() { return db::schema_of<Widget>(db::dialect::sqlite); }
