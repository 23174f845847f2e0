//! Import and export of leads: real files from `tests/fixtures/` through the real pages, on
//! both databases; what the check reports, what the import stores, and that nothing is stored
//! when it should not be.

use axum::http::{Method, StatusCode};
use chrono::{Datelike, NaiveDate};
use lotsbok::entities::{activity, audit_entry, import, lead, prospect};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use crate::both;
use crate::helpers::{seed_lead, signed_in_guide as guide, TestApp};

use crate::helpers::GUIDE_PW as PW;

pub(crate) fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

async fn municipality(app: &TestApp, slug: &str) -> i64 {
    lotsbok::accounts::find_municipality(&app.state.db, slug)
        .await
        .unwrap()
        .id
}

/// Uploads a fixture as the signed-in guide; the id of the new import.
pub(crate) async fn upload(app: &mut TestApp, name: &str, bytes: &[u8]) -> i64 {
    app.get("/leads/import").await;
    let r = app.upload("/leads/import", name, bytes).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    r.location()
        .trim_start_matches("/leads/import/")
        .parse()
        .unwrap()
}

async fn record(app: &TestApp, id: i64) -> import::Model {
    import::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
}

/// Waits for a check or import to finish (runs go on in the background).
async fn settled(app: &TestApp, id: i64) -> import::Model {
    for _ in 0..200 {
        let i = record(app, id).await;
        if i.state != "checking" && i.state != "importing" {
            return i;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("import {id} did not finish");
}

/// Runs the check with the mapping as shown (plus `fields`) and waits for it.
pub(crate) async fn check(app: &mut TestApp, id: i64, fields: &[(&str, &str)]) -> import::Model {
    app.get(&format!("/leads/import/{id}")).await;
    let r = app.post(&format!("/leads/import/{id}/check"), fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let i = settled(app, id).await;
    assert_eq!(i.state, "checked", "{:?}", i.failure);
    i
}

pub(crate) async fn import_now(app: &mut TestApp, id: i64, valid_only: bool) -> import::Model {
    app.get(&format!("/leads/import/{id}")).await;
    let fields: &[(&str, &str)] = if valid_only {
        &[("valid_only", "on")]
    } else {
        &[]
    };
    let r = app.post(&format!("/leads/import/{id}/run"), fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    settled(app, id).await
}

async fn by_email(app: &TestApp, email: &str) -> (prospect::Model, lead::Model) {
    let p = prospect::Entity::find()
        .filter(prospect::Column::Email.eq(email))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("{email} imported"));
    let l = lead::Entity::find()
        .filter(lead::Column::ProspectId.eq(p.id))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    (p, l)
}

fn local_day(t: &chrono::DateTime<chrono::Utc>) -> NaiveDate {
    t.with_timezone(&chrono_tz::Europe::Stockholm).date_naive()
}

async fn leads_in(app: &TestApp, mid: i64) -> u64 {
    lead::Entity::find()
        .filter(lead::Column::MunicipalityId.eq(mid))
        .count(&app.state.db)
        .await
        .unwrap()
}

async fn a_swedish_excel_csv_comes_in_with_its_notes(mut app: TestApp) {
    let me = guide(&mut app, "lena@lycksele.se", "lycksele").await;
    let id = upload(&mut app, "inflyttare.csv", &fixture("swedish-excel.csv")).await;
    // The preview shows the Windows-1252 text decoded, and the guessed mapping.
    let page = app.get(&format!("/leads/import/{id}")).await;
    page.assert_contains("Åsa Öberg")
        .assert_contains("Träffades på Flyttamässan")
        .assert_contains(r#"<option value="email" selected>E-post</option>"#)
        .assert_contains(r#"<option value="note" selected>Anteckning</option>"#);
    let i = record(&app, id).await;
    assert_eq!(i.format, "csv");
    let m = lotsbok::import::store::mapping_of(&i);
    assert_eq!(
        m.statuses.get("inflyttad").map(String::as_str),
        Some("moved_in")
    );
    assert_eq!(
        m.sources.get("facebook").map(String::as_str),
        Some("social_media")
    );
    assert!(m.problems().is_empty(), "{:?}", m.problems());

    let i = check(&mut app, id, &[("duplicates", "merge")]).await;
    assert_eq!((i.total_rows, i.new_rows, i.error_rows), (5, 5, 0));
    assert_eq!(
        leads_in(&app, municipality(&app, "lycksele").await).await,
        0,
        "a check stores nothing"
    );
    assert!(
        i.past_retention >= 1,
        "Björn's last contact is over two years old"
    );
    app.get(&format!("/leads/import/{id}"))
        .await
        .assert_contains("5 nya intressenter")
        .assert_contains("gallringen anonymiserar");

    let i = import_now(&mut app, id, false).await;
    assert_eq!(i.state, "imported");
    assert!(i.content.is_empty(), "the file is dropped once imported");

    let (asa, l) = by_email(&app, "asa.oberg@example.se").await;
    assert_eq!(
        (asa.first_name.as_str(), asa.last_name.as_str()),
        ("Åsa", "Öberg")
    );
    assert_eq!(asa.phone.as_deref(), Some("0701234567"));
    assert_eq!(asa.country.as_deref(), Some("SE"));
    assert_eq!(asa.children_birth_years.as_deref(), Some("2015, 2018"));
    assert_eq!(
        (l.status.as_str(), l.source.as_str()),
        ("in_dialogue", "fair")
    );
    assert_eq!(l.owner_id, Some(me));
    assert_eq!(
        local_day(&l.created_at),
        NaiveDate::from_ymd_opt(2025, 3, 14).unwrap()
    );
    let (_, bjorn) = by_email(&app, "bjorn.arlig@example.se").await;
    assert_eq!(bjorn.status, "moved_in");
    assert_eq!(bjorn.moved_in_on, NaiveDate::from_ymd_opt(2024, 11, 20));
    assert_eq!(
        (bjorn.moved_adults, bjorn.moved_children),
        (Some(1), Some(0))
    );
    let (_, greta) = by_email(&app, "greta.mueller@example.de").await;
    assert_eq!(
        (greta.status.as_str(), greta.reason_code.map(|r| r.as_str())),
        ("not_moving", Some("other"))
    );
    let (jan, _) = by_email(&app, "jan.devries@example.nl").await;
    assert_eq!(jan.country.as_deref(), Some("NL"));
    assert_eq!(
        jan.notes.as_deref(),
        Some("Barn: 1"),
        "a count of children is kept in the notes"
    );

    // The guide sees the mover with the note on the timeline, dated as in the file.
    let page = app.get(&format!("/leads/{}", l.id)).await;
    page.assert_contains("Träffades på Flyttamässan i Göteborg. Vill ha hjälp med förskola.")
        .assert_contains(&format!("Importerad från kalkylblad (import {id})"))
        .assert_contains("2025-03-14");
    let notes = activity::Entity::find()
        .filter(activity::Column::LeadId.eq(l.id))
        .filter(activity::Column::Kind.eq("note"))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(local_day(&notes[0].occurred_at).day(), 14);
    let audited = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("leads_imported"))
        .filter(audit_entry::Column::UserId.eq(me))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(audited, 1);
    // The import is listed, and cannot be run twice.
    app.get("/leads/import")
        .await
        .assert_contains("inflyttare.csv");
    app.get(&format!("/leads/import/{id}")).await;
    let again = app.post(&format!("/leads/import/{id}/run"), &[]).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert_eq!(
        leads_in(&app, municipality(&app, "lycksele").await).await,
        5
    );
}

async fn utf8_with_bom_and_xlsx_with_serial_dates(mut app: TestApp) {
    guide(&mut app, "lena@lycksele.se", "lycksele").await;
    let id = upload(&mut app, "export.csv", &fixture("utf8-bom-commas.csv")).await;
    let i = check(&mut app, id, &[]).await;
    assert_eq!((i.total_rows, i.new_rows, i.error_rows), (3, 3, 0));
    import_now(&mut app, id, false).await;
    let (anna, l) = by_email(&app, "anna.jansen@example.nl").await;
    assert_eq!(
        anna.first_name, "Anna",
        "the BOM is not part of the first header"
    );
    assert_eq!(anna.phone.as_deref(), Some("+31205551234"));
    assert_eq!(l.source, "fair");
    let note = activity::Entity::find()
        .filter(activity::Column::LeadId.eq(l.id))
        .filter(activity::Column::Kind.eq("note"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        note.body.as_deref(),
        Some("Met at the Emigration fair, Utrecht.\nWants a house near a lake.")
    );
    let (_, lena) = by_email(&app, "lena.schmidt@example.de").await;
    assert_eq!(lena.status, "moved_in");
    assert_eq!(lena.moved_children, Some(1));
    let (_, tom) = by_email(&app, "tom.walker@example.co.uk").await;
    assert_eq!(tom.source, "interest_form");

    let id = upload(&mut app, "inflyttare.xlsx", &fixture("serial-dates.xlsx")).await;
    assert_eq!(record(&app, id).await.format, "xlsx");
    let i = check(&mut app, id, &[]).await;
    assert_eq!((i.total_rows, i.new_rows, i.error_rows), (3, 3, 0));
    import_now(&mut app, id, false).await;
    let (maartje, l) = by_email(&app, "maartje.visser@example.nl").await;
    assert_eq!(
        local_day(&l.created_at),
        NaiveDate::from_ymd_opt(2024, 3, 15).unwrap()
    );
    assert_eq!(
        maartje.phone.as_deref(),
        Some("31612345678"),
        "a phone stored as a number"
    );
    assert_eq!(maartje.adults, 2);
    assert_eq!(l.status, "visit");
    let (klaus, _) = by_email(&app, "klaus.weber@example.de").await;
    assert_eq!(klaus.country.as_deref(), Some("DE"));
    let ingrid = prospect::Entity::find()
        .filter(prospect::Column::FirstName.eq("Ingrid"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let l = lead::Entity::find()
        .filter(lead::Column::ProspectId.eq(ingrid.id))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        local_day(&l.created_at),
        NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        "a serial number without a date format is a date too"
    );
}

async fn a_bad_row_in_the_middle_imports_nothing(mut app: TestApp) {
    guide(&mut app, "lena@lycksele.se", "lycksele").await;
    let mid = municipality(&app, "lycksele").await;
    let id = upload(&mut app, "lista.csv", &fixture("bad-row-in-middle.csv")).await;
    let i = check(&mut app, id, &[]).await;
    assert_eq!((i.total_rows, i.error_rows, i.new_rows), (4, 1, 3));
    let page = app.get(&format!("/leads/import/{id}")).await;
    page.assert_contains("Inte ett heltal")
        .assert_contains("Det datumet finns inte")
        .assert_contains("2023-02-30")
        .assert_contains("två");
    // Without choosing "the valid rows", nothing is imported.
    let r = app.post(&format!("/leads/import/{id}/run"), &[]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Importera de giltiga raderna");
    assert_eq!(leads_in(&app, mid).await, 0);
    // The report names each fault: row, column, value, reason.
    let csv = String::from_utf8(
        app.get_bytes(&format!("/leads/import/{id}/report.csv"))
            .await,
    )
    .unwrap();
    assert!(csv.contains("4;Fel;;vuxna;två;Inte ett heltal"), "{csv}");
    assert!(
        csv.contains("4;Fel;;datum;2023-02-30;Det datumet finns inte."),
        "{csv}"
    );

    // The import itself is one transaction: run without the check, it stores nothing either.
    let i = record(&app, id).await;
    let mapping = lotsbok::import::store::mapping_of(&i);
    let job = lotsbok::import::run::Job {
        import_id: id,
        place: lotsbok::scope::Target::municipality(mid),
        actor: None,
        duplicates: lotsbok::import::run::Duplicates::Merge,
        valid_only: false,
        dry: false,
        lang: lotsbok::i18n::Lang::Sv,
        mapping: &mapping,
        today: chrono::Utc::now().date_naive(),
        progress: Default::default(),
    };
    let bytes = std::sync::Arc::new(i.content.clone());
    let format = lotsbok::import::reader::detect(&bytes).unwrap();
    let s = lotsbok::import::run::run(&app.state.db, &job, bytes, format, chrono::Utc::now())
        .await
        .unwrap();
    assert!(s.rolled_back);
    assert_eq!(leads_in(&app, mid).await, 0);
    assert_eq!(
        prospect::Entity::find().count(&app.state.db).await.unwrap(),
        0
    );

    // Choosing to import the valid rows brings in the other three.
    let i = import_now(&mut app, id, true).await;
    assert_eq!(
        (i.state.as_str(), i.new_rows, i.error_rows),
        ("imported", 3, 1)
    );
    assert_eq!(leads_in(&app, mid).await, 3);
}

async fn duplicates_are_merged_or_skipped(mut app: TestApp) {
    guide(&mut app, "lena@lycksele.se", "lycksele").await;
    let mid = municipality(&app, "lycksele").await;
    let sanne = seed_lead(
        &app,
        Some("lycksele"),
        ("Sanne", "de Boer"),
        Some("sanne@example.nl"),
        None,
        "Groningen",
    )
    .await;
    let phone = seed_lead(
        &app,
        Some("lycksele"),
        ("Joost", "Smit"),
        None,
        Some("+31 6 11112222"),
        "Zwolle",
    )
    .await;
    // The same e-mail in another municipality is not this guide's duplicate.
    seed_lead(
        &app,
        Some("mala"),
        ("Ny", "Familj"),
        Some("ny.familj@example.se"),
        None,
        "Stockholm",
    )
    .await;
    let prospects = prospect::Entity::find().count(&app.state.db).await.unwrap();

    let id = upload(&mut app, "dubbletter.csv", &fixture("duplicates.csv")).await;
    let i = check(&mut app, id, &[("duplicates", "skip")]).await;
    assert_eq!((i.new_rows, i.skipped_rows, i.merged_rows), (1, 3, 0));
    let i = check(&mut app, id, &[("duplicates", "merge")]).await;
    assert_eq!((i.new_rows, i.skipped_rows, i.merged_rows), (1, 0, 3));
    let page = app.get(&format!("/leads/import/{id}")).await;
    page.assert_contains(&format!("/leads/{sanne}"))
        .assert_contains("finns redan i din kommun")
        .assert_contains("Samma e-post eller telefon som en tidigare rad");
    let i = import_now(&mut app, id, false).await;
    assert_eq!((i.new_rows, i.merged_rows), (1, 3));
    assert_eq!(
        prospect::Entity::find().count(&app.state.db).await.unwrap(),
        prospects + 1,
        "one new household; the rest merged"
    );
    assert_eq!(leads_in(&app, mid).await, 3);
    for (lead_id, note) in [
        (sanne, "Mejlade igen om bostad."),
        (phone, "Ringde från nytt nummer."),
    ] {
        app.get(&format!("/leads/{lead_id}"))
            .await
            .assert_contains(note);
    }
    // The report says which rows went where.
    let csv = String::from_utf8(
        app.get_bytes(&format!("/leads/import/{id}/report.csv"))
            .await,
    )
    .unwrap();
    assert!(csv.contains(&format!("2;Ihopslagen;{sanne};")), "{csv}");
    assert!(csv.contains(&format!("3;Ihopslagen;{phone};")), "{csv}");
}

/// The fields of a lead that an export carries, for comparing two municipalities' copies.
async fn exported_fields(app: &TestApp, mid: i64) -> Vec<String> {
    let rows = lead::Entity::find()
        .filter(lead::Column::MunicipalityId.eq(mid))
        .find_also_related(prospect::Entity)
        .order_by_asc(lead::Column::Id)
        .all(&app.state.db)
        .await
        .unwrap();
    let mut out: Vec<String> = rows
        .into_iter()
        .map(|(l, p)| {
            let p = p.unwrap();
            format!(
                "{}|{}|{:?}|{:?}|{:?}|{:?}|{:?}|{}|{:?}|{:?}|{:?}|{}|{}|{}|{:?}|{:?}|{:?}|{:?}",
                p.first_name,
                p.last_name,
                p.email,
                p.phone,
                p.country,
                p.se_region,
                p.place,
                p.adults,
                p.children_birth_years,
                p.occupation,
                p.notes,
                l.status,
                l.source,
                local_day(&l.created_at),
                l.moved_in_on,
                l.moved_adults,
                l.moved_children,
                l.reason_code
            )
        })
        .collect();
    out.sort();
    out
}

async fn an_export_imports_again_as_the_same_leads(mut app: TestApp) {
    guide(&mut app, "lena@lycksele.se", "lycksele").await;
    for f in [
        "swedish-excel.csv",
        "utf8-bom-commas.csv",
        "serial-dates.xlsx",
    ] {
        let id = upload(&mut app, f, &fixture(f)).await;
        check(&mut app, id, &[]).await;
        import_now(&mut app, id, false).await;
    }
    // A mover's own text that a spreadsheet would run as a formula is defused in the CSV.
    seed_lead(
        &app,
        Some("lycksele"),
        ("=HYPERLINK(\"x\")", "Test"),
        Some("formula@example.org"),
        None,
        "Ort",
    )
    .await;
    // Letters Excel mangles when it guesses the encoding.
    seed_lead(
        &app,
        Some("lycksele"),
        ("Åke", "Malå"),
        Some("ake@example.org"),
        None,
        "Åsele",
    )
    .await;
    let original = exported_fields(&app, municipality(&app, "lycksele").await).await;
    assert_eq!(original.len(), 13);

    // As Excel set to Swedish opens it: a byte-order mark and semicolons.
    let csv = app.get_bytes("/leads/export.csv").await;
    let rows = crate::helpers::swedish_excel(&csv);
    assert_eq!(rows[0][..3], ["Förnamn", "Efternamn", "E-post"]);
    let place = rows[0]
        .iter()
        .position(|h| h == "Ort")
        .expect("a place column");
    let ake = rows.iter().find(|r| r[0] == "Åke").expect("Åke's row");
    assert_eq!((ake[1].as_str(), ake[place].as_str()), ("Malå", "Åsele"));
    assert!(
        rows.iter().any(|r| r[0] == "'=HYPERLINK(\"x\")"),
        "{rows:?}"
    );
    // Commas when asked for.
    let commas = String::from_utf8(app.get_bytes("/leads/export.csv?sep=comma").await).unwrap();
    assert!(
        commas.starts_with("\u{feff}Förnamn,Efternamn,E-post"),
        "{commas}"
    );
    let xlsx = app.get_bytes("/leads/export.xlsx").await;
    assert!(xlsx.starts_with(b"PK"));
    // The list's filters apply to the export.
    let moved =
        String::from_utf8(app.get_bytes("/leads/export.csv?status=moved_in").await).unwrap();
    assert_eq!(moved.lines().count(), 1 + 2, "{moved}");
    let exports = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("leads_exported"))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(exports, 4);

    for (slug, email, name, bytes) in [
        ("mala", "mats@mala.se", "leads.csv", csv),
        ("norsjo", "nora@norsjo.se", "leads.xlsx", xlsx),
    ] {
        guide(&mut app, email, slug).await;
        let id = upload(&mut app, name, &bytes).await;
        let i = record(&app, id).await;
        let m = lotsbok::import::store::mapping_of(&i);
        assert!(m.unknown_headers().is_empty(), "{:?}", m.unknown_headers());
        assert!(m.problems().is_empty(), "{:?}", m.problems());
        let i = check(&mut app, id, &[]).await;
        assert_eq!((i.new_rows, i.error_rows), (13, 0));
        import_now(&mut app, id, false).await;
        assert_eq!(
            exported_fields(&app, municipality(&app, slug).await).await,
            original,
            "{name} imported as the same leads"
        );
    }
}

async fn bad_files_get_a_clear_message_and_store_nothing(mut app: TestApp) {
    guide(&mut app, "lena@lycksele.se", "lycksele").await;
    let xlsx = fixture("serial-dates.xlsx");
    let cases: [(&str, Vec<u8>, &str); 6] = [
        ("tom.csv", Vec::new(), "Filen är tom."),
        (
            "rubrik.csv",
            b"Namn;E-post\r\n".to_vec(),
            "Filen har rubriker men inga rader",
        ),
        (
            "bild.csv",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec(),
            "inte en CSV- eller Excelfil",
        ),
        (
            "trasig.xlsx",
            xlsx[..xlsx.len() / 2].to_vec(),
            "Excelfilen är skadad",
        ),
        (
            "gammal.xls",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest".to_vec(),
            "gammal Excelfil",
        ),
        (
            "citat.csv",
            b"Namn;Ort\r\n\"Anna;Lule\xc3\xa5\r\n".to_vec(),
            "",
        ),
    ];
    for (name, bytes, message) in &cases[..5] {
        app.get("/leads/import").await;
        let r = app.upload("/leads/import", name, bytes).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        r.assert_contains(message)
            .assert_contains(r#"aria-invalid="true""#);
    }
    app.get("/leads/import").await;
    let r = app.upload("/leads/import", "", b"").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Välj en fil");
    assert_eq!(
        import::Entity::find().count(&app.state.db).await.unwrap(),
        0
    );

    // Unknown columns are named; without a name column the check does not start.
    let id = upload(
        &mut app,
        "konstig.csv",
        "Skonummer;Ort;Favoritfärg\r\n42;Luleå;blå\r\n".as_bytes(),
    )
    .await;
    app.get(&format!("/leads/import/{id}"))
        .await
        .assert_contains("Skonummer, Favoritfärg");
    let r = app.post(&format!("/leads/import/{id}/check"), &[]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Välj kolumnen med namnet");
    // Mapping a column by hand makes it go.
    let i = check(&mut app, id, &[("col_2", "name")]).await;
    assert_eq!((i.new_rows, i.error_rows), (1, 0));

    // Rows longer than the header, numbers as words, impossible and future dates.
    let text = "Namn;Ort;Vuxna;Datum\r\nA Ett;Luleå;2;2025-01-01;extra\r\nB Två;Luleå;två;2025-01-01\r\nC Tre;Luleå;1;2099-01-01\r\nD Fyra;Luleå;1;31.02.2024\r\n";
    let id = upload(&mut app, "fel.csv", text.as_bytes()).await;
    let i = check(&mut app, id, &[]).await;
    assert_eq!((i.total_rows, i.error_rows), (4, 4));
    let reasons: Vec<String> = lotsbok::import::store::results(&app.state.db, id, None)
        .await
        .unwrap()
        .into_iter()
        .map(|r| format!("{}:{}", r.row_no, r.reason.unwrap_or_default()))
        .collect();
    assert_eq!(
        reasons,
        [
            "2:import-err-row-too-long",
            "3:import-err-number",
            "4:import-err-date-future",
            "5:import-err-date-impossible"
        ]
    );
    assert_eq!(lead::Entity::find().count(&app.state.db).await.unwrap(), 0);
}

async fn an_upload_over_the_limit_is_refused_with_413(app: TestApp) {
    let backend = if app.database_url.starts_with("postgres") {
        crate::helpers::Backend::Postgres
    } else {
        crate::helpers::Backend::Sqlite
    };
    drop(app);
    let Some(mut app) = TestApp::with_config(backend, |c| c.imports.max_upload_bytes = 1000).await
    else {
        return;
    };
    guide(&mut app, "lena@lycksele.se", "lycksele").await;
    let big = "Namn;Ort\r\n".to_string() + &"Anna Berg;Luleå\r\n".repeat(200);
    app.get("/leads/import").await;
    let r = app
        .upload("/leads/import", "stor.csv", big.as_bytes())
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    r.assert_contains("Filen är för stor")
        .assert_contains("högst 1 MB");
    assert_eq!(
        import::Entity::find().count(&app.state.db).await.unwrap(),
        0
    );
}

async fn imports_are_isolated_between_municipalities(mut app: TestApp) {
    guide(&mut app, "lena@lycksele.se", "lycksele").await;
    let theirs = upload(&mut app, "lycksele.csv", &fixture("swedish-excel.csv")).await;
    guide(&mut app, "mats@mala.se", "mala").await;
    for (method, route) in crate::helpers::routes_with_methods(&app, "/leads/import/{id}") {
        let path = route.replace("{id}", &theirs.to_string());
        app.get("/leads/import").await;
        let r = if method == Method::GET {
            app.get(&path).await
        } else {
            app.post(&path, &[("valid_only", "on")]).await
        };
        if r.status == StatusCode::METHOD_NOT_ALLOWED {
            continue; // the route has no such method
        }
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{method} {path}");
        assert!(!r.body.contains("Öberg"), "{method} {path} leaks");
    }
    assert!(!app.get("/leads/import").await.body.contains("lycksele.csv"));
    assert_eq!(record(&app, theirs).await.state, "uploaded", "untouched");
    for (who, roles) in [
        ("leader@region10.se", "coordinator"),
        ("admin@region10.se", "admin"),
    ] {
        app.create_user(who, roles, None, PW).await;
        app.new_browser();
        app.login(who, PW).await;
        let mut paths = vec![
            (Method::GET, "/leads/import".to_string()),
            (Method::GET, "/leads/export.csv".into()),
            (Method::GET, "/leads/export.xlsx".into()),
        ];
        for (method, route) in crate::helpers::routes_with_methods(&app, "/leads/import/{id}") {
            paths.push((method, route.replace("{id}", &theirs.to_string())));
        }
        for (method, path) in paths {
            app.get("/").await;
            let r = if method == Method::GET {
                app.get(&path).await
            } else {
                app.post(&path, &[]).await
            };
            if r.status == StatusCode::METHOD_NOT_ALLOWED {
                continue;
            }
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{roles} {method} {path}");
        }
    }
}

async fn the_command_line_imports_all_rows_or_none(app: TestApp) {
    use crate::cli::{lotsbok, one_line_error};
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mid = municipality(&app, "storuman").await;
    let out = lotsbok(
        &app,
        &[
            "import",
            &format!("{dir}/bad-row-in-middle.csv"),
            "--municipality",
            "storuman",
        ],
        "",
        &[],
    );
    let err = one_line_error(&out);
    assert!(
        err.contains("1 of 4 rows have errors; nothing was imported"),
        "{err}"
    );
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(
        listed.contains("row 4: vuxna \"två\": Not a whole number"),
        "{listed}"
    );
    assert_eq!(leads_in(&app, mid).await, 0);

    let err = one_line_error(&lotsbok(
        &app,
        &[
            "import",
            &format!("{dir}/swedish-excel.csv"),
            "--municipality",
            "nowhere",
        ],
        "",
        &[],
    ));
    assert!(err.contains("nowhere"), "{err}");

    let out = lotsbok(
        &app,
        &[
            "import",
            &format!("{dir}/swedish-excel.csv"),
            "--municipality",
            "storuman",
        ],
        "",
        &[],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("imported: 5 rows, 5 new"));
    assert_eq!(leads_in(&app, mid).await, 5);
    assert_eq!(
        import::Entity::find().count(&app.state.db).await.unwrap(),
        0,
        "nothing kept"
    );

    let out = lotsbok(
        &app,
        &[
            "import",
            &format!("{dir}/bad-row-in-middle.csv"),
            "--municipality",
            "storuman",
            "--valid-only",
        ],
        "",
        &[],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(leads_in(&app, mid).await, 8);
}

async fn a_run_cut_off_by_a_restart_can_start_again(mut app: TestApp) {
    use sea_orm::{ActiveModelTrait, Set};
    guide(&mut app, "lena@lycksele.se", "lycksele").await;
    let id = upload(&mut app, "inflyttare.csv", &fixture("swedish-excel.csv")).await;
    check(&mut app, id, &[]).await;
    // The progress answer the page's script reads.
    let p = app.get(&format!("/leads/import/{id}/progress")).await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains(r#""state":"checked""#), "{}", p.body);
    // An import that was going on when the server stopped (its transaction rolled back).
    let mut a: import::ActiveModel = record(&app, id).await.into();
    a.state = Set("importing".into());
    a.started_at = Set(Some(chrono::Utc::now() - chrono::Duration::hours(1)));
    a.update(&app.state.db).await.unwrap();
    let page = app.get(&format!("/leads/import/{id}")).await;
    page.assert_contains("Importeras")
        .assert_contains("rader klara");
    let r = app.post(&format!("/leads/import/{id}/run"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        record(&app, id).await.state,
        "importing",
        "a recent run is left alone"
    );
    let mut a: import::ActiveModel = record(&app, id).await.into();
    a.started_at = Set(Some(chrono::Utc::now() - chrono::Duration::hours(3)));
    a.update(&app.state.db).await.unwrap();
    app.get(&format!("/leads/import/{id}"))
        .await
        .assert_contains("Den senaste körningen avbröts");
    let i = import_now(&mut app, id, false).await;
    assert_eq!((i.state.as_str(), i.new_rows), ("imported", 5));
    assert_eq!(
        leads_in(&app, municipality(&app, "lycksele").await).await,
        5
    );
}

both!(
    a_run_cut_off_by_a_restart_can_start_again,
    an_import_cut_off_by_a_stop_resumes_on_the_next_start,
    a_swedish_excel_csv_comes_in_with_its_notes,
    utf8_with_bom_and_xlsx_with_serial_dates,
    a_bad_row_in_the_middle_imports_nothing,
    duplicates_are_merged_or_skipped,
    an_export_imports_again_as_the_same_leads,
    bad_files_get_a_clear_message_and_store_nothing,
    an_upload_over_the_limit_is_refused_with_413,
    imports_are_isolated_between_municipalities,
    the_command_line_imports_all_rows_or_none,
);

/// A stop that cannot wait for an import cuts it off halfway (nothing of it stays: its
/// transaction rolls back) and marks it; the next start runs it again to the end.
async fn an_import_cut_off_by_a_stop_resumes_on_the_next_start(mut app: TestApp) {
    use lotsbok::jobs::Jobs;
    use lotsbok::mail::transport::Transport;
    use std::sync::atomic::Ordering;
    use std::time::Duration;
    let config = app.state.config.clone();
    let transport = || Transport::from_config(&config).unwrap();
    let jobs = Jobs::start(&app.state, transport()).await;
    let me = guide(&mut app, "lena@lycksele.se", "lycksele").await;
    let rows: u64 = 3000;
    let mut csv = "Förnamn;Efternamn;E-post;Ort\r\n".to_string();
    for n in 0..rows {
        csv += &format!("Anna{n};Berg;anna.{n}@example.se;Luleå\r\n");
    }
    let id = upload(&mut app, "stor.csv", csv.as_bytes()).await;
    let mid = municipality(&app, "lycksele").await;
    assert!(
        lotsbok::import::store::claim(&app.state.db, id, &["uploaded"], "importing")
            .await
            .unwrap()
    );
    let i = import::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let run = lotsbok::import::spawn(
        app.state.clone(),
        i,
        Some(lotsbok::entities::UserId(me)),
        lotsbok::i18n::Lang::Sv,
        false,
        false,
    );
    // Stopped halfway: some rows are in the import's transaction, not all.
    let done = || {
        app.state
            .import_progress
            .lock()
            .unwrap()
            .get(&lotsbok::entities::ImportId(id))
            .map_or(0, |r| r.rows.load(Ordering::Relaxed))
    };
    for _ in 0..2000 {
        if done() > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    assert!(
        (1..rows).contains(&done()),
        "stopped halfway: {} rows",
        done()
    );
    jobs.stop(&app.state, Duration::ZERO).await;
    assert!(run.await.unwrap_err().is_cancelled(), "the run was cut off");
    let i = record(&app, id).await;
    assert_eq!(i.state, "importing");
    assert_eq!(i.started_at, None, "marked as cut off");
    assert!(
        !lotsbok::import::store::is_running(&i),
        "the guide is offered to start it again"
    );
    assert_eq!(leads_in(&app, mid).await, 0, "nothing of it stayed");
    assert_eq!(
        prospect::Entity::find().count(&app.state.db).await.unwrap(),
        0
    );

    let jobs = Jobs::start(&app.state, transport()).await;
    let mut i = record(&app, id).await;
    for _ in 0..600 {
        if i.state != "importing" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        i = record(&app, id).await;
    }
    assert_eq!(i.state, "imported", "{:?}", i.failure);
    assert_eq!(leads_in(&app, mid).await, rows);
    jobs.stop(&app.state, Duration::from_secs(10)).await;
}
