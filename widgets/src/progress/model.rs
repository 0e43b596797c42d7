//! The dashboard's logic without any DOM: summaries, imports and the classroom CSV.

use quiz_engine::progress::{Outline, Summary, classroom_csv, summary};
use quiz_engine::srs::Scheduler;
use quiz_engine::{Progress, Timestamp};
use serde::Deserialize;

/// What the preprocessor embeds for an `ec2lab-progress` block.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ProgressConfig {
    pub outline: Outline,
}

/// The dashboard over one learner's stored progress.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressModel {
    outline: Outline,
}

impl ProgressModel {
    pub fn new(config: ProgressConfig) -> ProgressModel {
        ProgressModel { outline: config.outline }
    }

    /// The dashboard rows for `progress` at `now`.
    pub fn summary(&self, progress: &Progress, now: Timestamp) -> Summary {
        summary(progress, &self.outline, &Scheduler::new(progress.exam_date), now)
    }

    /// Labs completed, and how many there are.
    pub fn labs_done(&self, progress: &Progress) -> (usize, usize) {
        self.outline.labs_done(progress)
    }

    /// Reads an exported file: the progress it holds (every valid entry) and what was wrong.
    pub fn read_export(text: &str) -> (Progress, Vec<String>) {
        let loaded = Progress::from_json(text);
        (loaded.progress, loaded.issues.iter().map(ToString::to_string).collect())
    }

    /// The classroom CSV of `(file name, file text)` exports, one learner per file (named after
    /// the file without `.json`), and a note per problem found in them.
    pub fn classroom(&self, files: &[(String, String)]) -> (String, Vec<String>) {
        let mut notes = Vec::new();
        let learners: Vec<(String, Progress)> = files
            .iter()
            .map(|(name, text)| {
                let learner = name.strip_suffix(".json").unwrap_or(name).to_string();
                let (progress, issues) = Self::read_export(text);
                notes.extend(issues.into_iter().map(|i| format!("{name}: {i}")));
                (learner, progress)
            })
            .collect();
        let refs: Vec<(&str, &Progress)> = learners.iter().map(|(n, p)| (n.as_str(), p)).collect();
        (classroom_csv(&refs, &self.outline), notes)
    }
}

#[cfg(test)]
mod tests {
    use quiz_engine::progress::{OutlineBank, OutlineQuestion};

    use super::*;

    fn model() -> ProgressModel {
        let q = |id: &str| OutlineQuestion { id: id.into(), domain: Some("security".into()) };
        ProgressModel::new(ProgressConfig {
            outline: Outline {
                banks: vec![OutlineBank {
                    id: "imds".into(),
                    title: "IMDS".into(),
                    questions: vec![q("imds-a"), q("imds-b")],
                }],
                cards: vec!["card-1".into()],
                labs: vec!["lab-a".into(), "lab-b".into()],
            },
        })
    }

    const EXPORT: &str =
        r#"{"version":1,"questions":{"imds-a":{"attempts":2,"correct":1,"last_score":1.0}}}"#;

    #[test]
    fn summary_counts_attempted_and_mastered() {
        let (progress, issues) = ProgressModel::read_export(EXPORT);
        assert!(issues.is_empty(), "{issues:?}");
        let s = model().summary(&progress, Timestamp(0));
        assert_eq!((s.banks[0].questions, s.banks[0].attempted, s.banks[0].mastered), (2, 1, 1));
        assert_eq!(s.cards_due, 1);
    }

    #[test]
    fn completed_labs_are_counted() {
        let export = r#"{"version":1,"questions":{"lab:lab-b":{"attempts":1,"correct":1,"last_score":1.0}}}"#;
        let (progress, issues) = ProgressModel::read_export(export);
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(model().labs_done(&progress), (1, 2));
    }

    #[test]
    fn classroom_csv_names_learners_after_their_files_and_reports_bad_files() {
        let files =
            vec![("ada.json".to_string(), EXPORT.to_string()), ("bob.json".to_string(), "{oops".to_string())];
        let (csv, notes) = model().classroom(&files);
        let mut lines = csv.lines();
        assert_eq!(lines.next(), Some("learner,kind,id,bank,domain,attempts,correct,score,passed,at"));
        assert_eq!(lines.next(), Some("ada,question,imds-a,imds,security,2,1,1,,"));
        assert_eq!(lines.next(), None);
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].starts_with("bob.json: "), "{notes:?}");
    }
}
