//! EC2 Lab's quiz engine: questions, their authoring format, grading, exams, spaced repetition
//! and the learner's progress. No I/O and no clock: content arrives as text, time as arguments.
