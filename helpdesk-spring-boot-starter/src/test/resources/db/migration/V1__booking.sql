create table booking (
  reference varchar(32) primary key,
  customer varchar(64) not null
);
