-- Every spelling of every type maps onto information_schema's.
CREATE TABLE all_types (
  t1 tinyint, t2 tinyint(1), t3 bool, t4 tinyint unsigned, t5 int1,
  s1 smallint, s2 smallint(6) unsigned, s3 int2,
  m1 mediumint, m2 middleint, m3 int3,
  i1 int, i2 integer, i3 int(11), i4 int4, i5 int unsigned zerofill, i6 int(5) zerofill,
  b1 bigint, b2 bigint(20) unsigned, b3 int8,
  d1 decimal, d2 decimal(5), d3 numeric(8,3), d4 dec(6,2), d5 fixed(4,1),
  f1 float, f2 float(10), f3 float(30), f4 float(7,3), f5 double, f6 real, f7 double precision, f8 double(10,2),
  bt1 bit, bt2 bit(8),
  c1 char, c2 char(10), c3 character(3), v1 varchar(20), v2 character varying(30),
  bn1 binary, bn2 binary(4), vb1 varbinary(16),
  tx1 tinytext, tx2 text, tx3 mediumtext, tx4 longtext, tx5 long, tx6 long varchar,
  bl1 tinyblob, bl2 blob, bl3 mediumblob, bl4 longblob, bl5 blob(100), bl6 blob(300), bl7 long varbinary,
  e1 enum('a','b''c','d\\e'), st1 set('x','y'),
  dt1 date, dt2 datetime, dt3 datetime(3), ts1 timestamp NULL, ts2 timestamp(6) NULL, tm1 time, tm2 time(0), y1 year, y2 year(4),
  j1 json
);
