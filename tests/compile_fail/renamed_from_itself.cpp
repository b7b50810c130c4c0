// A rename hint that gives the current name.
#include "widget.hpp"

template <>
struct db::model<Widget> {
#ifdef DBPUSH_COMPILE_OK
  static constexpr auto fields = db::fields(db::field<&Widget::label>(db::renamed_from("name")));
#else
  static constexpr auto fields = db::fields(db::field<&Widget::label>(db::renamed_from("label")));
#endif
};

db::schema widget_schema() { return db::schema_of<Widget, Owner>(db::dialect::sqlite); }
