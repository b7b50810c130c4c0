// A default of a type that has no SQL literal.
#include "widget.hpp"

struct Colour {
  int r, g, b;
};

template <>
struct db::model<Widget> {
#ifdef DBPUSH_COMPILE_OK
  static constexpr auto fields = db::fields(db::field<&Widget::label>(db::default_value("red")));
#else
  static constexpr auto fields = db::fields(db::field<&Widget::label>(db::default_value(Colour{1, 2, 3})));
#endif
};

db::schema widget_schema() { return db::schema_of<Widget, Owner>(db::dialect::sqlite); }
