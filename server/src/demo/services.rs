//! The Comuni's service cards in the demo: the model's sections written as a Comune
//! writes them, across the model's categories, each with its office and topics. The
//! services are the same in each Comune (as they are in life); the online ones are
//! on each Comune's own portal.

use app::catalogue::model::Category;
use app::catalogue::repo::{insert, NewService};
use app::db::{DbError, Tx};
use app::ids::EnteId;
use std::collections::HashMap;

/// (slug, title, summary, category, audience, how to, needed, outcome, times, costs,
/// online address (`PORTAL`: the Comune's own portal), office, topics)
type Card = (
    &'static str,
    &'static str,
    &'static str,
    Category,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
);

/// Stands for the Comune's own portal of online services.
const PORTAL: &str = "portale";

const CARDS: &[Card] = &[
    ("carta-identita-elettronica", "Richiedere la carta d'identità elettronica", "Come ottenere o rinnovare la carta d'identità elettronica (CIE).", Category::Registry,
     "Cittadini residenti a Lugo; i non residenti per gravi e comprovati motivi.",
     "1. Prenota l'appuntamento allo Sportello polifunzionale.\n2. Presentati con i documenti richiesti: foto e impronte si acquisiscono allo sportello.\n3. Ricevi la carta per posta all'indirizzo indicato.",
     "- la carta d'identità scaduta o la denuncia di smarrimento\n- una fototessera recente\n- la tessera sanitaria", "La carta d'identità elettronica, valida per l'espatrio se richiesto, che è anche chiave di accesso ai servizi online (CIE).",
     "La carta arriva entro 6 giorni lavorativi dalla richiesta. Si può chiedere il rinnovo dai 180 giorni prima della scadenza.", "22,21 euro; 27,37 euro in caso di smarrimento o deterioramento.", "", "ufficio-anagrafe", &["anagrafe"]),
    ("cambio-residenza", "Cambiare residenza o indirizzo", "Dichiarare il trasferimento da un altro Comune o il cambio di indirizzo a Lugo.", Category::Registry,
     "Chi si trasferisce a Lugo da un altro Comune o dall'estero, e chi cambia abitazione all'interno del Comune.",
     "Compila la dichiarazione online o consegnala allo sportello entro 20 giorni dal trasferimento. La Polizia locale verifica la dimora abituale entro 45 giorni.",
     "- documento d'identità di chi si trasferisce\n- il titolo di occupazione dell'abitazione (contratto, atto di proprietà)\n- la patente e i libretti dei veicoli intestati", "L'iscrizione anagrafica all'indirizzo nuovo, con effetto dalla data della dichiarazione.",
     "Registrazione entro 2 giorni lavorativi; accertamento entro 45 giorni.", "Gratuito.", PORTAL, "ufficio-anagrafe", &["residenza", "anagrafe"]),
    ("certificati-anagrafici", "Richiedere un certificato anagrafico", "Residenza, stato di famiglia, stato civile e altri certificati.", Category::Registry,
     "Chiunque, per sé o per altri, salvo i certificati riservati.",
     "Scarica il certificato da ANPR con SPID o CIE, oppure chiedilo allo sportello.", "- documento d'identità\n- marca da bollo da 16 euro se non esente",
     "Il certificato, valido sei mesi.", "Subito, online o allo sportello.", "Bollo da 16 euro salvo esenzioni; diritti di segreteria 0,52 euro allo sportello.", "https://www.anagrafenazionale.interno.it", "ufficio-anagrafe", &["anagrafe"]),
    ("iscrizione-nido", "Iscrizione ai nidi d'infanzia comunali", "Domanda di ammissione ai nidi per bambini da 3 a 36 mesi.", Category::Education,
     "Famiglie residenti a Lugo con bambini da 3 a 36 mesi.",
     "Presenta la domanda online nel periodo di apertura del bando. La graduatoria tiene conto della situazione lavorativa e familiare.",
     "- SPID o CIE del genitore che presenta la domanda\n- l'ISEE per le prestazioni agevolate rivolte ai minorenni, se vuoi una retta ridotta", "Un posto al nido secondo la graduatoria, con la retta calcolata sull'ISEE.",
     "Domande dal 1° al 31 marzo; graduatoria entro il 30 aprile; inserimenti da settembre.", "Retta mensile da 110 a 480 euro secondo l'ISEE.", PORTAL, "ufficio-scuola", &["istruzione"]),
    ("mensa-scolastica", "Iscrizione alla mensa scolastica", "Pasti per gli alunni delle scuole dell'infanzia e primarie.", Category::Education,
     "Alunni delle scuole dell'infanzia e primarie statali di Lugo.",
     "Iscrivi tuo figlio online prima dell'inizio dell'anno scolastico; le diete speciali si chiedono con certificato medico.",
     "- SPID o CIE del genitore\n- certificato medico per le diete sanitarie", "Il servizio di refezione per l'intero anno scolastico.",
     "Iscrizioni dal 1° giugno al 31 luglio.", "4,90 euro a pasto; riduzioni in base all'ISEE.", PORTAL, "ufficio-scuola", &["istruzione", "prodotti-alimentari"]),
    ("pagamento-tari", "Pagare la TARI", "La tassa sui rifiuti: calcolo, scadenze e modi di pagamento.", Category::Taxes,
     "Chi occupa o detiene locali o aree a Lugo, famiglie e imprese.",
     "Paga con l'avviso pagoPA che ricevi a casa, in banca, in posta o online. Comunica entro 90 giorni ogni variazione di superficie o di occupanti.",
     "- l'avviso di pagamento\n- per le variazioni: dati catastali e planimetria", "La quietanza di pagamento.",
     "Due rate: 16 luglio e 16 dicembre, o in unica soluzione entro il 16 luglio.", "Secondo le tariffe approvate dal Consiglio comunale.", PORTAL, "ufficio-tributi", &["imposte", "gestione-rifiuti"]),
    ("imu", "Calcolare e pagare l'IMU", "L'imposta municipale propria sugli immobili diversi dall'abitazione principale.", Category::Taxes,
     "Proprietari e titolari di diritti reali su immobili a Lugo.",
     "Calcola l'imposta con il calcolatore online e paga con il modello F24.", "- rendita catastale degli immobili\n- aliquote deliberate per l'anno",
     "Il pagamento dell'imposta dovuta.", "Acconto entro il 16 giugno, saldo entro il 16 dicembre.", "Secondo le aliquote deliberate.", PORTAL, "ufficio-tributi", &["imposte"]),
    ("permesso-ztl", "Richiedere il permesso per la ZTL", "Accesso e sosta nella zona a traffico limitato del centro storico.", Category::Mobility,
     "Residenti, domiciliati e titolari di attività nella ZTL, persone con disabilità.",
     "Presenta la domanda online indicando le targhe; il permesso è digitale e associato ai veicoli.", "- libretto di circolazione dei veicoli\n- per le attività: visura camerale",
     "Il permesso di transito e sosta, valido due anni.", "Rilascio entro 10 giorni lavorativi.", "30 euro per veicolo; gratuito per i contrassegni disabili.", PORTAL, "polizia-locale", &["ztl", "mobilita-sostenibile"]),
    ("scia-edilizia", "Presentare una SCIA edilizia", "Segnalazione certificata di inizio attività per interventi edilizi.", Category::Planning,
     "Proprietari di immobili e tecnici incaricati.",
     "Il tecnico presenta la SCIA sul portale regionale delle pratiche edilizie; i lavori possono iniziare dalla presentazione.",
     "- progetto e relazione tecnica asseverata\n- documentazione fotografica\n- ricevuta dei diritti di segreteria", "Il titolo per eseguire i lavori.",
     "Controllo entro 30 giorni dalla presentazione.", "Diritti di segreteria da 100 a 500 euro.", "https://accessounitario.lepida.it", "edilizia-privata", &["urbanizzazione"]),
    ("apertura-attivita-commerciale", "Aprire un'attività commerciale", "SCIA per negozi di vicinato, pubblici esercizi e artigiani.", Category::Business,
     "Imprese e professionisti che aprono o trasferiscono un'attività.",
     "Presenta la pratica al SUAP attraverso il portale regionale; il SUAP la trasmette agli enti coinvolti.", "- requisiti morali e professionali\n- planimetria dei locali\n- agibilità",
     "L'avvio dell'attività dalla data di presentazione.", "Controlli entro 60 giorni.", "Diritti SUAP 50 euro.", "https://accessounitario.lepida.it", "suap", &["imprese", "commercio-al-minuto"]),
    ("occupazione-suolo-pubblico", "Occupare il suolo pubblico", "Dehors, ponteggi, traslochi, banchetti e manifestazioni.", Category::Permits,
     "Cittadini, imprese e associazioni.",
     "Chiedi la concessione almeno 15 giorni prima (3 per i traslochi) con la planimetria dell'area.", "- planimetria dell'area occupata\n- marca da bollo",
     "La concessione dell'area per il periodo richiesto.", "Entro 15 giorni.", "Canone unico secondo superficie e durata.", PORTAL, "polizia-locale", &["tassa-sui-servizi"]),
    ("contributo-affitto", "Contributo per l'affitto", "Aiuto economico per le famiglie in affitto con ISEE basso.", Category::Health,
     "Famiglie residenti con contratto di locazione registrato e ISEE fino a 17.154 euro.",
     "Presenta la domanda online durante l'apertura del bando distrettuale.", "- contratto di locazione registrato\n- ISEE in corso di validità\n- IBAN",
     "Un contributo fino a tre mensilità di affitto.", "Bando annuale, di solito tra settembre e ottobre.", "Gratuito.", PORTAL, "urp", &["assistenza-sociale"]),
    ("prestito-biblioteca", "Prendere in prestito libri e film", "Iscrizione e prestito nella rete bibliotecaria di Romagna.", Category::Culture,
     "Chiunque, anche non residente.",
     "Iscriviti alla biblioteca Trisi con un documento; prenota online e ritira allo sportello.", "- documento d'identità",
     "La tessera della rete, per prestiti in tutte le biblioteche aderenti.", "Prestito per 30 giorni, rinnovabile.", "Gratuito.", "https://opac.example.it", "urp", &["tempo-libero", "patrimonio-culturale"]),
];

const CONDITIONS: &str = "Il servizio è erogato secondo il regolamento comunale vigente e la carta dei servizi. I dati personali sono trattati come descritto nell'informativa sulla privacy del Comune.";

/// A Comune's services (`domain`: the part of its addresses that names it), answered
/// by the offices in `units` (by slug).
pub async fn seed(
    tx: &mut Tx,
    ente: EnteId,
    domain: &str,
    units: &HashMap<&str, i64>,
) -> Result<(), DbError> {
    let portal = format!("https://servizi.comune.{domain}.example.it");
    for (
        slug,
        title,
        summary,
        category,
        audience,
        how_to,
        needed,
        outcome,
        times,
        costs,
        online,
        office,
        topics,
    ) in CARDS
    {
        let online = if *online == PORTAL {
            portal.as_str()
        } else {
            online
        };
        let service = NewService {
            ente,
            slug,
            title,
            summary,
            category: *category,
            audience,
            description: "",
            how_to,
            needed,
            outcome,
            times,
            costs,
            access_url: online,
            access_other:
                "Allo sportello dell'ufficio, negli orari di apertura, o su appuntamento.",
            conditions: CONDITIONS,
            unit: units.get(office).copied(),
            topics,
        };
        insert(tx, &service).await?;
    }
    Ok(())
}
