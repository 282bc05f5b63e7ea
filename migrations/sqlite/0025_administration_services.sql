-- The model's Amministrazione and Servizi (Design Comuni Italia): the ente's units
-- (organs of government, administrative areas, offices), the people in them
-- (politicians and staff), and its service cards. Keep in step with
-- ../postgres/0025_administration_services.sql.

-- A unit of the ente: an organ of government (Giunta, Consiglio comunale), an
-- administrative area, or an office. `body` says what it does (Markdown); an office
-- has its contacts, where it is (a place) and its opening hours, one line per period
-- ("lun-ven 08:30-12:30"). An office may belong to an area (parent_id).
CREATE TABLE org_unit (
    id            INTEGER PRIMARY KEY,
    ente_id       INTEGER NOT NULL REFERENCES ente (id) ON DELETE CASCADE,
    slug          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('organ', 'area', 'office')),
    name          TEXT NOT NULL,
    summary       TEXT NOT NULL DEFAULT '',
    body          TEXT NOT NULL DEFAULT '',
    parent_id     INTEGER REFERENCES org_unit (id) ON DELETE SET NULL,
    place_id      INTEGER REFERENCES place (id) ON DELETE SET NULL,
    phone         TEXT NOT NULL DEFAULT '',
    email         TEXT NOT NULL DEFAULT '',
    pec           TEXT NOT NULL DEFAULT '',
    opening_hours TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    UNIQUE (ente_id, slug),
    CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX org_unit_ente_kind_idx ON org_unit (ente_id, kind, name);

-- A person of the ente: a politician (mayor, councillor, assessore) or a member of
-- staff. Their public contacts only; `body` is the curriculum or the delegations.
CREATE TABLE person (
    id         INTEGER PRIMARY KEY,
    ente_id    INTEGER NOT NULL REFERENCES ente (id) ON DELETE CASCADE,
    slug       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('political', 'staff')),
    name       TEXT NOT NULL,
    role       TEXT NOT NULL DEFAULT '',
    summary    TEXT NOT NULL DEFAULT '',
    body       TEXT NOT NULL DEFAULT '',
    email      TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (ente_id, slug)
);
CREATE INDEX person_ente_kind_idx ON person (ente_id, kind, name);

-- Who sits in which unit, with which role there (Sindaco in the Giunta, Responsabile
-- of an office), in the order the unit lists them.
CREATE TABLE unit_member (
    unit_id   INTEGER NOT NULL REFERENCES org_unit (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    role      TEXT NOT NULL DEFAULT '',
    position  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (unit_id, person_id)
);
CREATE INDEX unit_member_person_idx ON unit_member (person_id);

-- A service card, with the model's sections (Markdown): A chi è rivolto, Descrizione,
-- Come fare, Cosa serve, Cosa si ottiene, Tempi e scadenze, Quanto costa, Accedi al
-- servizio (online address and other channels), Condizioni di servizio; the office
-- to contact; a category of the model's list (a code); and whether it is active (with
-- the reason when not).
CREATE TABLE service (
    id            INTEGER PRIMARY KEY,
    ente_id       INTEGER NOT NULL REFERENCES ente (id) ON DELETE CASCADE,
    slug          TEXT NOT NULL,
    title         TEXT NOT NULL,
    summary       TEXT NOT NULL,
    category      TEXT NOT NULL,
    active        BOOLEAN NOT NULL DEFAULT TRUE,
    status_reason TEXT NOT NULL DEFAULT '',
    audience      TEXT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    how_to        TEXT NOT NULL,
    needed        TEXT NOT NULL,
    outcome       TEXT NOT NULL,
    times         TEXT NOT NULL,
    costs         TEXT NOT NULL DEFAULT '',
    access_url    TEXT NOT NULL DEFAULT '',
    access_other  TEXT NOT NULL DEFAULT '',
    conditions    TEXT NOT NULL DEFAULT '',
    unit_id       INTEGER REFERENCES org_unit (id) ON DELETE SET NULL,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    UNIQUE (ente_id, slug)
);
CREATE INDEX service_ente_category_idx ON service (ente_id, category, title);

-- The topics (argomenti) a service is about.
CREATE TABLE service_topic (
    service_id INTEGER NOT NULL REFERENCES service (id) ON DELETE CASCADE,
    topic_id   INTEGER NOT NULL REFERENCES topic (id) ON DELETE CASCADE,
    PRIMARY KEY (service_id, topic_id)
);
CREATE INDEX service_topic_topic_idx ON service_topic (topic_id);

-- The topics (argomenti) are the model's controlled vocabulary: the 64 names AgID's
-- validator accepts, written exactly so. The topics a deployment started with are
-- folded into the nearest of them (who followed "Scuola e istruzione" now follows
-- "Istruzione"; a consultation keeps its topics the same way), then dropped.
INSERT INTO topic (slug, name_it, name_en) VALUES
    ('accesso-all-informazione', 'Accesso all''informazione', 'Access to information'),
    ('acqua', 'Acqua', 'Water'),
    ('agricoltura', 'Agricoltura', 'Agriculture'),
    ('anagrafe', 'Anagrafe', 'Civil registry'),
    ('animale-domestico', 'Animale domestico', 'Pets'),
    ('aria', 'Aria', 'Air'),
    ('assistenza-agli-invalidi', 'Assistenza agli invalidi', 'Disability assistance'),
    ('assistenza-sociale', 'Assistenza sociale', 'Social assistance'),
    ('associazioni', 'Associazioni', 'Associations'),
    ('bilancio', 'Bilancio', 'Budget'),
    ('commercio-al-minuto', 'Commercio al minuto', 'Retail trade'),
    ('commercio-all-ingrosso', 'Commercio all''ingrosso', 'Wholesale trade'),
    ('commercio-ambulante', 'Commercio ambulante', 'Street trading'),
    ('comunicazione-istituzionale', 'Comunicazione istituzionale', 'Institutional communication'),
    ('comunicazione-politica', 'Comunicazione politica', 'Political communication'),
    ('concorsi', 'Concorsi', 'Public competitions'),
    ('covid-19', 'Covid-19', 'Covid-19'),
    ('elezioni', 'Elezioni', 'Elections'),
    ('energie-rinnovabili', 'Energie rinnovabili', 'Renewable energy'),
    ('estero', 'Estero', 'Abroad'),
    ('foreste', 'Foreste', 'Forests'),
    ('formazione-professionale', 'Formazione professionale', 'Vocational training'),
    ('gemellaggi', 'Gemellaggi', 'Town twinning'),
    ('gestione-rifiuti', 'Gestione rifiuti', 'Waste management'),
    ('giustizia', 'Giustizia', 'Justice'),
    ('igiene-pubblica', 'Igiene pubblica', 'Public hygiene'),
    ('immigrazione', 'Immigrazione', 'Immigration'),
    ('imposte', 'Imposte', 'Taxes'),
    ('imprese', 'Imprese', 'Businesses'),
    ('inquinamento', 'Inquinamento', 'Pollution'),
    ('integrazione-sociale', 'Integrazione sociale', 'Social integration'),
    ('isolamento-termico', 'Isolamento termico', 'Thermal insulation'),
    ('istruzione', 'Istruzione', 'Education'),
    ('lavoro', 'Lavoro', 'Work'),
    ('matrimonio', 'Matrimonio', 'Marriage'),
    ('mercato', 'Mercato', 'Market'),
    ('mobilita-sostenibile', 'Mobilità sostenibile', 'Sustainable mobility'),
    ('morte', 'Morte', 'Death'),
    ('nascita', 'Nascita', 'Birth'),
    ('parcheggi', 'Parcheggi', 'Parking'),
    ('patrimonio-culturale', 'Patrimonio culturale', 'Cultural heritage'),
    ('pesca', 'Pesca', 'Fishing'),
    ('piano-di-sviluppo', 'Piano di sviluppo', 'Development plan'),
    ('pista-ciclabile', 'Pista ciclabile', 'Cycle paths'),
    ('pnrr', 'PNRR', 'PNRR (recovery plan)'),
    ('politica-commerciale', 'Politica commerciale', 'Trade policy'),
    ('polizia', 'Polizia', 'Police'),
    ('prodotti-alimentari', 'Prodotti alimentari', 'Food products'),
    ('protezione-civile', 'Protezione civile', 'Civil protection'),
    ('residenza', 'Residenza', 'Residence'),
    ('risposta-alle-emergenze', 'Risposta alle emergenze', 'Emergency response'),
    ('sistema-giuridico', 'Sistema giuridico', 'Legal system'),
    ('spazio-verde', 'Spazio Verde', 'Green spaces'),
    ('sport', 'Sport', 'Sport'),
    ('sviluppo-sostenibile', 'Sviluppo sostenibile', 'Sustainable development'),
    ('tassa-sui-servizi', 'Tassa sui servizi', 'Service charges'),
    ('tempo-libero', 'Tempo libero', 'Leisure'),
    ('trasparenza-amministrativa', 'Trasparenza amministrativa', 'Administrative transparency'),
    ('trasporto-pubblico', 'Trasporto pubblico', 'Public transport'),
    ('turismo', 'Turismo', 'Tourism'),
    ('urbanizzazione', 'Urbanizzazione', 'Urban development'),
    ('viaggi', 'Viaggi', 'Travel'),
    ('zone-pedonali', 'Zone pedonali', 'Pedestrian areas'),
    ('ztl', 'ZTL', 'Limited traffic zones')
ON CONFLICT (slug) DO UPDATE SET name_it = excluded.name_it, name_en = excluded.name_en;

CREATE TABLE topic_fold (old_slug TEXT NOT NULL, new_slug TEXT NOT NULL);
INSERT INTO topic_fold (old_slug, new_slug) VALUES
    ('ambiente', 'sviluppo-sostenibile'),
    ('mobilita', 'mobilita-sostenibile'),
    ('cultura', 'patrimonio-culturale'),
    ('sociale', 'assistenza-sociale'),
    ('scuola', 'istruzione'),
    ('lavori-pubblici', 'urbanizzazione'),
    ('urbanistica', 'urbanizzazione'),
    ('sicurezza', 'protezione-civile'),
    ('salute', 'igiene-pubblica'),
    ('giovani', 'tempo-libero'),
    ('attivita-produttive', 'imprese'),
    ('digitale', 'accesso-all-informazione'),
    ('partecipazione', 'comunicazione-istituzionale');
INSERT INTO account_topic (account_id, topic_id)
    SELECT a.account_id, n.id FROM account_topic a
      JOIN topic o ON o.id = a.topic_id
      JOIN topic_fold f ON f.old_slug = o.slug
      JOIN topic n ON n.slug = f.new_slug
ON CONFLICT DO NOTHING;
INSERT INTO consultation_topic (consultation_id, topic_id)
    SELECT c.consultation_id, n.id FROM consultation_topic c
      JOIN topic o ON o.id = c.topic_id
      JOIN topic_fold f ON f.old_slug = o.slug
      JOIN topic n ON n.slug = f.new_slug
ON CONFLICT DO NOTHING;
DROP TABLE topic_fold;
DELETE FROM topic WHERE slug NOT IN ('accesso-all-informazione', 'acqua', 'agricoltura', 'anagrafe', 'animale-domestico', 'aria', 'assistenza-agli-invalidi', 'assistenza-sociale', 'associazioni', 'bilancio', 'commercio-al-minuto', 'commercio-all-ingrosso', 'commercio-ambulante', 'comunicazione-istituzionale', 'comunicazione-politica', 'concorsi', 'covid-19', 'elezioni', 'energie-rinnovabili', 'estero', 'foreste', 'formazione-professionale', 'gemellaggi', 'gestione-rifiuti', 'giustizia', 'igiene-pubblica', 'immigrazione', 'imposte', 'imprese', 'inquinamento', 'integrazione-sociale', 'isolamento-termico', 'istruzione', 'lavoro', 'matrimonio', 'mercato', 'mobilita-sostenibile', 'morte', 'nascita', 'parcheggi', 'patrimonio-culturale', 'pesca', 'piano-di-sviluppo', 'pista-ciclabile', 'pnrr', 'politica-commerciale', 'polizia', 'prodotti-alimentari', 'protezione-civile', 'residenza', 'risposta-alle-emergenze', 'sistema-giuridico', 'spazio-verde', 'sport', 'sviluppo-sostenibile', 'tassa-sui-servizi', 'tempo-libero', 'trasparenza-amministrativa', 'trasporto-pubblico', 'turismo', 'urbanizzazione', 'viaggi', 'zone-pedonali', 'ztl');

-- News are of the model's three kinds: notizia, comunicato (press release), avviso.
ALTER TABLE news ADD COLUMN kind TEXT NOT NULL DEFAULT 'notizia' CHECK (kind IN ('notizia', 'comunicato', 'avviso'));

-- An ente's accessibility statement is published on AgID's form site; the footer
-- links it (empty: the ente's own page of the statement).
ALTER TABLE ente ADD COLUMN accessibility_url TEXT NOT NULL DEFAULT '';
