// One index declared twice: on the field and at model level.
#include "widget.hpp"

template <>
struct db::model<Widget> {
  static constexpr auto fields = db::fields(db::field<&Widget::label>(db::unique));
#ifdef DBPUSH_COMPILE_OK
  static constexpr auto indexes = db::indexes(db::unique_on<&Widget::label, &Widget::title>());
#else
  static constexpr auto indexes = db::indexes(db::unique_on<&Widget::label>());
#endif
};

db::schema widget_schema() { return db::schema_of<Widget, Owner>(db::dialect::sqlite); }
