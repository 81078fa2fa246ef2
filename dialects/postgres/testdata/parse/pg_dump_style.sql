/* pg_dump-like output: constraints added after the tables. */
CREATE TABLE public.accounts (
    id integer NOT NULL,
    owner_id integer,
    "Display Name" character varying(40)
);

CREATE SEQUENCE public.accounts_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.accounts_id_seq OWNED BY public.accounts.id;

ALTER TABLE ONLY public.accounts
    ADD CONSTRAINT accounts_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.accounts
    ADD CONSTRAINT accounts_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES public.accounts(id);

CREATE INDEX accounts_display_idx ON public.accounts USING btree ("Display Name");
