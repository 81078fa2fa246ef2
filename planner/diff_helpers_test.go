package planner

import (
	"fmt"
	"strings"

	"github.com/tidedb/tide/schema"
)

// Builders for compact test schemas. Names without a dot are in "public".

func qname(s string) schema.QName { return schema.ParseQName(s, "public") }

func sch(objs ...any) *schema.Schema {
	s := &schema.Schema{Dialect: "fake"}
	for _, o := range objs {
		switch o := o.(type) {
		case *schema.Namespace:
			s.Namespaces = append(s.Namespaces, o)
		case *schema.Table:
			s.Tables = append(s.Tables, o)
		case *schema.Enum:
			s.Enums = append(s.Enums, o)
		case *schema.Sequence:
			s.Sequences = append(s.Sequences, o)
		case *schema.View:
			s.Views = append(s.Views, o)
		default:
			panic(fmt.Sprintf("sch: unexpected %T", o))
		}
	}
	return s
}

func ns(name string) *schema.Namespace { return &schema.Namespace{Name: name} }

// tbl makes a table with an "id bigint" primary key column plus cols.
func tbl(name string, cols ...*schema.Column) *schema.Table {
	q := qname(name)
	t := &schema.Table{Schema: q.Schema, Name: q.Name, Columns: append([]*schema.Column{{Name: "id", Type: "bigint"}}, cols...),
		PrimaryKey: &schema.PrimaryKey{Name: q.Name + "_pkey", Columns: []string{"id"}}}
	return t
}

func col(name, typ string) *schema.Column {
	return &schema.Column{Name: name, Type: typ, Nullable: true}
}

func fk(name, column, ref string) *schema.ForeignKey {
	q := qname(ref)
	return &schema.ForeignKey{Name: name, Columns: []string{column}, RefSchema: q.Schema, RefTable: q.Name, RefColumns: []string{"id"}}
}

func idx(name string, cols ...string) *schema.Index {
	i := &schema.Index{Name: name}
	for _, c := range cols {
		i.Parts = append(i.Parts, schema.IndexPart{Column: c})
	}
	return i
}

func enum(name string, values ...string) *schema.Enum {
	q := qname(name)
	return &schema.Enum{Schema: q.Schema, Name: q.Name, Values: values}
}

func view(name, def string, deps ...string) *schema.View {
	q := qname(name)
	v := &schema.View{Schema: q.Schema, Name: q.Name, Def: def}
	for _, d := range deps {
		v.DependsOn = append(v.DependsOn, qname(d))
	}
	return v
}

func seq(name string, inc int64) *schema.Sequence {
	q := qname(name)
	return &schema.Sequence{Schema: q.Schema, Name: q.Name, Type: "bigint", Increment: inc}
}

// with applies edits to a table and returns it.
func with(t *schema.Table, edits ...func(*schema.Table)) *schema.Table {
	for _, e := range edits {
		e(t)
	}
	return t
}

// describe renders a change as "kind object" plus what tells changes of the
// same kind apart.
func describe(c schema.Change) string {
	s := c.Kind() + " " + c.Object()
	switch c := c.(type) {
	case schema.AlterColumn:
		s += " [" + c.Changes.String() + "]"
	case schema.RenameTable:
		s += " from " + c.From.QName().String()
	case schema.RenameColumn:
		s += " from " + c.From.Name
	case schema.RenameIndex:
		s += " from " + c.From.Name
	case schema.RenameConstraint:
		s += " from " + c.From
	case schema.AddEnumValue:
		s += " " + c.Value
		if c.Before != "" {
			s += " before " + c.Before
		}
		if c.After != "" {
			s += " after " + c.After
		}
	}
	return s
}

func describeAll(cs []schema.Change) []string {
	out := []string{}
	for _, c := range cs {
		out = append(out, describe(c))
	}
	return out
}

func lines(s []string) string { return "\n  " + strings.Join(s, "\n  ") }
