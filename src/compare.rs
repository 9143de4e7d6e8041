//! Comparison: group claims, find the consensus of each group, report outliers, typos,
//! approximations and miscounted enumerations.
//!
//! Claims are grouped by rule, key, currency (for money) and period. A claim whose period is unknown (an undated
//! document, no year in its sentence) joins the group of its rule and key when exactly one
//! period is known for them; otherwise it stays in a group of its own.
//!
//! The consensus of a group is the stretch of the number line asserted by the most documents
//! (then the most claims): an interval sweep over the claims' ends, O(n log n). Claims that
//! cover it agree; every other claim is an outlier, reported against the agreeing sources
//! (at most [`MAX_SOURCES`] of them listed).
//!
//! Every step is O(n log n) in the size of a group or better, so one group may hold hundreds of
//! thousands of claims: an outlier is matched to a typo's source through an index of the
//! supporters' distinct digit strings, never compared with every supporter.

use crate::extract::Claim;
use crate::facts::Fact;
use crate::facts::Facts;
use crate::finding::{ClaimGroup, Finding, FindingKind, Location, Severity};
use crate::quantity::{Hedge, Interval, Unit};
use crate::rules::{PeriodMode, Rule, RuleSet, SubjectMode};
use crate::text::saturating_u32;
use rayon::prelude::*;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The most agreeing sources a finding lists as locations, after the claim it reports on (the
/// first ones in the order of the run). Reports list at most this many; the message still
/// counts them all ("stated by 99000 other sources").
pub const MAX_SOURCES: usize = 20;

/// Compares every claim and returns the findings, sorted. Where a verified fact applies to a
/// group, the fact is the consensus.
pub fn compare(claims: &[Claim], rules: &RuleSet, facts: &Facts) -> Vec<Finding> {
    let groups = subject_groups(claims, rules);
    // Each claim's group, for the findings about single claims (32 bits each: a run of a
    // million claims holds this beside them). Every claim is in a group.
    let mut group_of = vec![u32::MAX; claims.len()];
    for (g, (_, members, _)) in groups.iter().enumerate() {
        for &m in members {
            group_of[m] = saturating_u32(g);
        }
    }
    let mut findings = Vec::new();
    for (i, c) in claims.iter().enumerate() {
        if let Some(mut f) = list_count(c, &rules.rules[c.rule as usize]) {
            f.claim = Some(saturating_u32(i));
            f.group = Some(group_of[i]).filter(|&g| g != u32::MAX);
            findings.push(f);
        }
    }
    drop(group_of);
    // Groups are independent: compared in parallel, their findings collected in group order.
    let per_group: Vec<Vec<Finding>> = groups
        .into_par_iter()
        .enumerate()
        .map(|(g, (rule_idx, members, guessed))| {
            let rule = &rules.rules[rule_idx];
            let first = &claims[members[0]];
            let period = members.iter().find_map(|&i| claims[i].period);
            let fact = facts.lookup(
                rule_idx,
                first.key.as_deref(),
                first.quantity.currency,
                period,
            );
            let mut found = match fact {
                Some(fact) => judge_by_fact(rule, claims, &members, fact),
                None => compare_group(rule, claims, &members, guessed),
            };
            identify(&mut found, claims, &members, g);
            found
        })
        .collect();
    findings.reserve_exact(per_group.iter().map(Vec::len).sum());
    findings.extend(per_group.into_iter().flatten());
    // Stable, like `sort_by_key`, but computes each key once (in parallel).
    findings.par_sort_by_cached_key(|f| f.sort_key());
    findings
}

/// Sets the claim and group ids of a group's findings: each is about one of its members, found
/// by place (a rule has one claim at a place of a document).
fn identify(found: &mut [Finding], claims: &[Claim], members: &[usize], group: usize) {
    if found.is_empty() {
        return;
    }
    let mut by_place: Vec<(usize, usize, usize)> = members
        .iter()
        .map(|&m| (claims[m].doc as usize, claims[m].quantity.start, m))
        .collect();
    by_place.sort_unstable();
    for f in found {
        let l = &f.locations[0];
        let at = by_place.partition_point(|p| (p.0, p.1) < (l.doc, l.start));
        f.claim = by_place
            .get(at)
            .filter(|p| (p.0, p.1) == (l.doc, l.start))
            .map(|p| saturating_u32(p.2));
        f.group = Some(saturating_u32(group));
    }
}

/// Every group of claims the comparison compares, in the order of the groups' ids
/// ([`Finding::group`]), with what each agrees on.
pub fn claim_groups(claims: &[Claim], rules: &RuleSet) -> Vec<ClaimGroup> {
    subject_groups(claims, rules)
        .into_iter()
        .map(|(rule, members, _)| {
            let (supporters, band, contested) = agreement(&rules.rules[rule], claims, &members);
            ClaimGroup {
                rule,
                members,
                supporters,
                band,
                contested,
            }
        })
        .collect()
}

/// Indices of claims grouped by (rule, key, period, subject), in a deterministic order.
pub fn groups(claims: &[Claim], rules: &RuleSet) -> Vec<(usize, Vec<usize>)> {
    subject_groups(claims, rules)
        .into_iter()
        .map(|(rule, members, _)| (rule, members))
        .collect()
}

/// [`groups`], each with whether claims without a subject were placed in it by default while
/// the story named other subjects (see [`by_subject`]).
fn subject_groups(claims: &[Claim], rules: &RuleSet) -> Vec<(usize, Vec<usize>, bool)> {
    // Amounts in different currencies are never compared: there is no exchange rate here.
    type GroupKey<'a> = (usize, Option<&'a str>, Option<&'static str>);
    let mut by: BTreeMap<GroupKey, BTreeMap<Option<i32>, Vec<usize>>> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate() {
        by.entry((c.rule as usize, c.key.as_deref(), c.quantity.currency))
            .or_default()
            .entry(c.period)
            .or_default()
            .push(i);
    }
    let mut out = Vec::new();
    for ((rule, _, _), mut periods) in by {
        // A claim whose period is unknown (an undated document, nothing in its clause) joins
        // the one period its rule's other statements are dated by their documents. It is never
        // pooled with a year a clause names ("the 2004 tsunami killed 168,000" is not the toll
        // an undated article gives today). A time series (`period = "date"`) is compared only
        // within a known day.
        let mode = rules.rules[rule].period;
        // The periods documents are dated in (a period only clauses name, "the 2003 Bam
        // quake", is not one).
        let dated: Vec<Option<i32>> = periods
            .iter()
            .filter(|(p, ms)| p.is_some() && ms.iter().any(|&i| !claims[i].anchored))
            .map(|(p, _)| *p)
            .collect();
        if mode != PeriodMode::None && mode != PeriodMode::Date && dated.len() == 1 {
            if let Some(unknown) = periods.remove(&None) {
                if let Some(g) = periods.get_mut(&dated[0]) {
                    g.extend(unknown);
                }
            }
        }
        for (period, members) in periods {
            if period.is_none() && mode == PeriodMode::Date {
                continue;
            }
            for (g, guessed) in by_subject(claims, members) {
                for mut g in by_listed(claims, g) {
                    g.sort_unstable();
                    out.push((rule, g, guessed));
                }
            }
        }
    }
    out
}

/// Splits a group that one sentence shows to be about several things: "since 7.6 and 7.5
/// magnitude quakes" states two quakes, so the group's statements are about two quakes, and
/// each statement joins the listed figure nearest to it ("a 7.3 magnitude" tremor the second,
/// "7.7" the first). Without such a sentence the group stays whole.
fn by_listed(claims: &[Claim], members: Vec<usize>) -> Vec<Vec<usize>> {
    let value = |i: usize| {
        let iv = &claims[i].quantity.interval;
        iv.midpoint()
            .or(iv.lo.map(|b| b.value))
            .or(iv.hi.map(|b| b.value))
    };
    // The first sentence, in claim order, with two figures or more of the group that exclude
    // each other.
    let mut sentences: BTreeMap<(u32, usize), Vec<usize>> = BTreeMap::new();
    for &i in &members {
        sentences
            .entry((claims[i].doc, claims[i].snippet.start))
            .or_default()
            .push(i);
    }
    let listed = sentences.values().find(|list| {
        list.len() >= 2
            && list.iter().all(|&i| value(i).is_some())
            && list.iter().enumerate().all(|(k, &a)| {
                list[k + 1..].iter().all(|&b| {
                    !claims[a]
                        .quantity
                        .interval
                        .overlaps(&claims[b].quantity.interval)
                })
            })
    });
    let Some(listed) = listed else {
        return vec![members];
    };
    let seeds: Vec<(usize, f64)> = listed
        .iter()
        .filter_map(|&i| Some((i, value(i)?)))
        .collect();
    let mut parts: Vec<Vec<usize>> = vec![Vec::new(); seeds.len()];
    for &i in &members {
        let k = match seeds.iter().position(|&(s, _)| s == i) {
            Some(k) => k,
            None => {
                let v = value(i).unwrap_or(seeds[0].1);
                seeds
                    .iter()
                    .enumerate()
                    .min_by(|(_, a), (_, b)| (a.1 - v).abs().total_cmp(&(b.1 - v).abs()))
                    .map_or(0, |(k, _)| k)
            }
        };
        parts[k].push(i);
    }
    parts.retain(|p| !p.is_empty());
    parts
}

/// Splits the claims of a group by subject. Subjects are word sets: a subject whose words are
/// all in one larger subject joins it ("aceh" with "indonesia aceh"), one contained in several
/// stands alone ("peterson" between "scott peterson" and "laci peterson"), and claims without a
/// subject join the story's subject: the one most of the documents naming a subject name.
/// Where no subject has that majority, claims without one are compared together when more
/// documents leave their subject unnamed than name one (the story is the unnamed one);
/// otherwise a claim without a subject could be about any of them, and is compared with
/// nothing.
fn by_subject(claims: &[Claim], members: Vec<usize>) -> Vec<(Vec<usize>, bool)> {
    let mut names: Vec<&str> = members
        .iter()
        .filter_map(|&i| claims[i].subject.as_deref())
        .collect();
    names.sort_unstable();
    names.dedup();
    if names.len() <= 1 {
        return vec![(members, false)];
    }
    let words: Vec<Vec<&str>> = names.iter().map(|n| n.split(' ').collect()).collect();
    // Is every word of subject `a` in subject `b`? A word matches its derivations
    // ("vietnam", "vietnamese"; "iran", "iranian").
    let within = |a: usize, b: usize| {
        words[a].iter().all(|w| {
            words[b].iter().any(|v| {
                let (short, long) = if w.len() <= v.len() { (w, v) } else { (v, w) };
                short == long || (short.len() >= 4 && long.starts_with(short))
            })
        })
    };
    // The largest subjects: within no other (or within one that is within them: the same).
    let maximal: Vec<usize> = (0..names.len())
        .filter(|&a| !(0..names.len()).any(|b| b != a && within(a, b) && !within(b, a)))
        .collect();
    // Each subject's cluster: the one maximal subject containing it, else its own.
    let cluster_of: Vec<usize> = (0..names.len())
        .map(|a| {
            // Maximal subjects within each other are one ("vietnam", "vietnamese"): the first
            // names them.
            let containing: BTreeSet<usize> = maximal
                .iter()
                .filter(|&&m| within(a, m))
                .map(|&m| {
                    maximal
                        .iter()
                        .copied()
                        .find(|&n| within(m, n) && within(n, m))
                        .unwrap_or(m)
                })
                .collect();
            match (containing.first(), containing.len()) {
                (Some(&m), 1) => m,
                _ => a,
            }
        })
        .collect();
    // The story's subject: the cluster named by most of the documents that name any. A claim
    // without a subject is about it ("killed 10" in reports of one quake that name Iran, and
    // once Bandar Abbas). Where no subject has a majority (a business section naming a dozen
    // economies), a claim without one could be about any of them.
    let mut docs_of: BTreeMap<usize, BTreeSet<u32>> = BTreeMap::new();
    for &i in &members {
        if let Some(a) = claims[i]
            .subject
            .as_deref()
            .and_then(|s| names.binary_search(&s).ok())
        {
            docs_of
                .entry(cluster_of[a])
                .or_default()
                .insert(claims[i].doc);
        }
    }
    let naming: BTreeSet<u32> = docs_of.values().flatten().copied().collect();
    let clusters_named = docs_of.len();
    let leading = docs_of
        .iter()
        .find(|(_, d)| 2 * d.len() > naming.len())
        .map(|(&c, _)| c);
    // Where most documents name no subject for their claims, the story's subject is the one
    // they leave unnamed, and the few named ones are side stories: the unnamed claims are
    // compared together.
    let unnamed_docs: BTreeSet<u32> = members
        .iter()
        .filter(|&&i| claims[i].subject.is_none())
        .map(|&i| claims[i].doc)
        .collect();
    let together = leading.is_none() && unnamed_docs.len() > naming.len();
    let mut out: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut unnamed = Vec::new();
    let mut alone = Vec::new();
    for i in members {
        let c = match claims[i].subject.as_deref() {
            Some(s) => names.binary_search(&s).ok().map(|a| cluster_of[a]),
            None => leading,
        };
        match c {
            Some(c) => out.entry(c).or_default().push(i),
            None if together => unnamed.push(i),
            None => alone.push(vec![i]),
        }
    }
    // Where several subjects are named, the claims without one were placed by a guess.
    let guess = clusters_named > 1;
    let unnamed = (!unnamed.is_empty()).then_some((unnamed, guess));
    out.into_iter()
        .map(|(c, g)| {
            let placed = Some(c) == leading && g.iter().any(|&i| claims[i].subject.is_none());
            (g, guess && placed)
        })
        .chain(unnamed)
        .chain(alone.into_iter().map(|g| (g, false)))
        .collect()
}

fn finding(
    rule: &Rule,
    c: &Claim,
    severity: Severity,
    kind: FindingKind,
    message: String,
) -> Finding {
    Finding {
        rule: rule.id.clone(),
        rule_title: rule.title.clone(),
        severity,
        kind,
        message,
        key: c.key.as_deref().map(String::from),
        period: c.period,
        suggestion: None,
        locations: vec![c.location()],
        fact: None,
        claim: None,
        group: None,
    }
}

/// "six countries: China, Russia" says six and lists two.
fn list_count(c: &Claim, rule: &Rule) -> Option<Finding> {
    let items = c.items.as_ref()?;
    let stated = c.quantity.value?;
    let n = items.len() as f64;
    if c.quantity.interval.contains(n) {
        return None;
    }
    let mut f = finding(
        rule,
        c,
        rule.severity,
        FindingKind::ListCount,
        format!(
            "\"{}\" says {} but the list that follows names {}: {}",
            c.quantity.text,
            crate::quantity::interval::fmt_num(stated),
            items.len(),
            items.join(", ")
        ),
    );
    f.suggestion = Some(items.len().to_string());
    Some(f)
}

/// Position of an interval end on the sweep line: (value, 0 = at the value, 1 = just after).
#[derive(Clone, Copy, PartialEq)]
struct Pos(f64, u8);

fn pos_cmp(a: &Pos, b: &Pos) -> Ordering {
    a.0.total_cmp(&b.0).then(a.1.cmp(&b.1))
}

fn enter_pos(iv: &Interval) -> Pos {
    match iv.lo {
        None => Pos(f64::NEG_INFINITY, 0),
        Some(b) => Pos(b.value, if b.inclusive { 0 } else { 1 }),
    }
}

fn exit_pos(iv: &Interval) -> Pos {
    match iv.hi {
        None => Pos(f64::INFINITY, 1),
        Some(b) => Pos(b.value, if b.inclusive { 1 } else { 0 }),
    }
}

/// The claims (indices into `members`, ascending) covering the best-supported stretch, and
/// whether another stretch was supported by as many documents and claims (no majority).
///
/// One sweep over the interval ends finds every stretch of maximal support. Two such stretches
/// never have the same claims open (each claim enters and exits once, so a claim opening and
/// closing between them would make a better-supported stretch), so the stretches are told apart
/// by position alone. The open claims are kept ordered by (document, member), which gives the
/// earliest source of each stretch in O(log n); ties go to the stretch whose sources come first
/// in the run (then the first such stretch), and a second sweep collects its claims.
fn consensus(claims: &[Claim], members: &[usize], reach: &[Interval]) -> (Vec<usize>, bool) {
    // Events: (position, is_enter, member index). Exits sort before enters at one position.
    let mut events: Vec<(Pos, bool, usize)> = Vec::with_capacity(members.len() * 2);
    for (m, iv) in reach.iter().enumerate() {
        if iv.is_empty() {
            continue;
        }
        events.push((enter_pos(iv), true, m));
        events.push((exit_pos(iv), false, m));
    }
    // No two events are equal (a member enters once and exits once), so unstable is exact.
    events.sort_unstable_by(|a, b| pos_cmp(&a.0, &b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    // Each member's document as its rank among the group's documents (same order), so claims
    // per document are counted in a vector.
    let mut ranked: Vec<usize> = members.iter().map(|&ci| claims[ci].doc as usize).collect();
    ranked.sort_unstable();
    ranked.dedup();
    let doc_of: Vec<usize> = members
        .iter()
        .map(|&ci| {
            ranked
                .binary_search(&(claims[ci].doc as usize))
                .unwrap_or_else(|r| r)
        })
        .collect();
    let mut per_doc = vec![0usize; ranked.len()];
    // Claims with both ends finite, per document: a stretch that bounded statements support
    // beats one only open-ended statements ("more than 230,000") reach.
    let mut per_doc_bounded = vec![0usize; ranked.len()];
    let bounded: Vec<bool> = reach
        .iter()
        .map(|iv| iv.lo.is_some() && iv.hi.is_some())
        .collect();
    let mut open: BTreeSet<(usize, usize)> = BTreeSet::new();
    let (mut docs, mut bounded_docs, mut count) = (0usize, 0usize, 0usize);
    let mut best = (0usize, 0usize, 0usize);
    // How many stretches have the best support, and the chosen one: the event index after
    // which it is open, and its earliest document.
    let mut stretches = 0usize;
    let mut chosen: Option<(usize, usize)> = None;
    for (k, &(_, enter, m)) in events.iter().enumerate() {
        let d = doc_of[m];
        let e = &mut per_doc[d];
        if enter {
            *e += 1;
            count += 1;
            if *e == 1 {
                docs += 1;
            }
            if bounded[m] {
                per_doc_bounded[d] += 1;
                if per_doc_bounded[d] == 1 {
                    bounded_docs += 1;
                }
            }
            open.insert((d, m));
        } else {
            *e -= 1;
            count -= 1;
            if *e == 0 {
                docs -= 1;
            }
            if bounded[m] {
                per_doc_bounded[d] -= 1;
                if per_doc_bounded[d] == 0 {
                    bounded_docs -= 1;
                }
            }
            open.remove(&(d, m));
        }
        // Only the state after the last event at a position describes a stretch.
        let last_at_pos = events
            .get(k + 1)
            .is_none_or(|n| pos_cmp(&n.0, &events[k].0) != Ordering::Equal);
        if !last_at_pos {
            continue;
        }
        let Some(&(first_doc, _)) = open.first() else {
            continue;
        };
        match (docs, bounded_docs, count).cmp(&best) {
            Ordering::Greater => {
                best = (docs, bounded_docs, count);
                stretches = 1;
                chosen = Some((k, first_doc));
            }
            Ordering::Equal => {
                stretches += 1;
                if chosen.is_none_or(|(_, doc)| first_doc < doc) {
                    chosen = Some((k, first_doc));
                }
            }
            Ordering::Less => {}
        }
    }
    let Some((at, _)) = chosen else {
        return (Vec::new(), false);
    };
    let mut is_open = vec![false; members.len()];
    for &(_, enter, m) in &events[..=at] {
        is_open[m] = enter;
    }
    let set = (0..members.len()).filter(|&m| is_open[m]).collect();
    (set, stretches > 1)
}

/// An interval's ends as bits, to tell identical intervals apart by hashing.
type IntervalBits = (Option<(u64, bool)>, Option<(u64, bool)>);

fn interval_bits(iv: &Interval) -> IntervalBits {
    let bits =
        |b: Option<crate::quantity::interval::Bound>| b.map(|b| (b.value.to_bits(), b.inclusive));
    (bits(iv.lo), bits(iv.hi))
}

/// Consensus for spans compared exactly: the interval stated by the most documents (then the
/// most claims); ties are contested and go to the interval whose sources come first.
fn consensus_exact(claims: &[Claim], members: &[usize]) -> (Vec<usize>, bool) {
    let mut index = HashMap::new();
    let mut classes: Vec<Vec<usize>> = Vec::new();
    for (m, &ci) in members.iter().enumerate() {
        let iv = &claims[ci].quantity.interval;
        let class = *index.entry(interval_bits(iv)).or_insert_with(|| {
            classes.push(Vec::new());
            classes.len() - 1
        });
        classes[class].push(m);
    }
    let support = |ms: &[usize]| {
        let docs: BTreeSet<usize> = ms
            .iter()
            .map(|&m| claims[members[m]].doc as usize)
            .collect();
        (docs.len(), ms.len())
    };
    let best = classes.iter().map(|ms| support(ms)).max();
    let mut tied = classes.into_iter().filter(|ms| Some(support(ms)) == best);
    // Classes are in order of first member, so the first tied class has the earliest source.
    let chosen = tied.next().unwrap_or_default();
    (chosen, tied.next().is_some())
}

/// What a group agrees on, as reports draw it: the claims (indices into `claims`) that cover
/// the consensus, the stretch of the number line they all assert (the intersection of their
/// intervals), and whether another stretch had as much support (no majority).
pub fn agreement(
    rule: &Rule,
    claims: &[Claim],
    members: &[usize],
) -> (Vec<usize>, Option<Interval>, bool) {
    let (chosen, contested) = group_consensus(rule, claims, members);
    let supporters: Vec<usize> = chosen.iter().map(|&m| members[m]).collect();
    let band = supporters
        .iter()
        .map(|&i| claims[i].quantity.interval)
        .reduce(|a, b| a.intersect(&b));
    (supporters, band, contested)
}

/// The members (indices into `members`) that cover a group's consensus, and whether it is
/// contested. A year range names a span ("the 2023-2025 term"): it agrees only with the same
/// span, where every other figure asserts an uncertain value that agrees with anything it
/// overlaps.
fn group_consensus(rule: &Rule, claims: &[Claim], members: &[usize]) -> (Vec<usize>, bool) {
    let exact = members
        .iter()
        .any(|&i| claims[i].quantity.unit == Unit::YearRange);
    if exact {
        consensus_exact(claims, members)
    } else {
        let reach: Vec<Interval> = members
            .iter()
            .map(|&i| reach(&claims[i].quantity, rule.tolerance))
            .collect();
        consensus(claims, members, &reach)
    }
}

/// The stretch of the number line a figure agrees with, as an editor reads it. A rounded
/// figure agrees with the roundings next to it: "$9.3bn" and "$9.4bn" may both round $9.35bn,
/// so a rounding interval is taken closed. A round count ("100,000", "600": two trailing zeros
/// or more, no hedge) is read as an editor means it, within the rule's tolerance, so "100,000"
/// agrees with "104,000".
pub fn reach(q: &crate::quantity::Quantity, tolerance: f64) -> Interval {
    use crate::quantity::Bound;
    let iv = q.interval;
    if q.hedge != Hedge::None {
        return iv;
    }
    if q.rounded {
        return Interval {
            lo: iv.lo.map(|b| Bound::closed(b.value)),
            hi: iv.hi.map(|b| Bound::closed(b.value)),
        };
    }
    let digits = q.digits.as_str();
    let round = q.unit == Unit::Number
        && !digits.contains('.')
        && digits.len() >= 3
        && digits.ends_with("00");
    match (round, q.value) {
        (true, Some(v)) => Interval::closed(v * (1.0 - tolerance), v * (1.0 + tolerance)),
        _ => iv,
    }
}

/// The most precise claim among `set` (narrowest interval; exact statements first).
fn representative<'a>(claims: &'a [Claim], set: &[usize]) -> Option<&'a Claim> {
    set.iter().map(|&i| &claims[i]).min_by(|a, b| {
        let ai = &a.quantity.interval;
        let bi = &b.quantity.interval;
        ai.precision_cmp(bi)
            .then((a.quantity.hedge != Hedge::None).cmp(&(b.quantity.hedge != Hedge::None)))
            .then((a.doc, a.quantity.start).cmp(&(b.doc, b.quantity.start)))
    })
}

fn compare_group(rule: &Rule, claims: &[Claim], members: &[usize], guessed: bool) -> Vec<Finding> {
    let mut out = Vec::new();
    if members.len() < 2 {
        return out;
    }
    let (chosen, contested) = group_consensus(rule, claims, members);
    let supporters: Vec<usize> = chosen.iter().map(|&m| members[m]).collect();
    let Some(rep) = representative(claims, &supporters) else {
        return out;
    };
    let support_docs: BTreeSet<&str> = supporters.iter().map(|&i| &*claims[i].path).collect();
    let supporter_locations: Vec<Location> = supporters
        .iter()
        .take(MAX_SOURCES)
        .map(|&i| claims[i].location())
        .collect();
    let mut is_supporter = vec![false; members.len()];
    for &m in &chosen {
        is_supporter[m] = true;
    }
    let named = |c: &Claim| c.subject.is_some() || c.key.is_some();
    let typos = TypoIndex::new(
        supporters
            .iter()
            .map(|&i| claims[i].quantity.digits.as_str()),
    );

    for (m, &ci) in members.iter().enumerate() {
        if is_supporter[m] {
            continue;
        }
        let o = &claims[ci];
        // The first supporter one digit edit away, when the slip is evidenced (see
        // `evidenced_typo`); otherwise a different figure is a conflict.
        let typo_of = typos
            .find(&o.quantity.digits)
            .map(|k| &claims[supporters[k]])
            .filter(|s| evidenced_typo(o, s));
        let others = support_docs.len() - usize::from(support_docs.contains(&*o.path));
        // Crosscheck compares sources: two figures of one rule that only one document states
        // are, far more often than not, figures of two things ("11" killed in the quake and
        // "one" in a village), and no other source says which is right; unless the document
        // repeats one statement with its digits slipped ("193 countries" ... "139 countries").
        if others == 0 && typo_of.is_none() {
            continue;
        }
        let by_others = match others {
            1 => "by 1 other source".to_string(),
            n => format!("by {n} other sources"),
        };
        let where_ = if support_docs.contains(&*o.path) {
            format!("{by_others} and elsewhere in the same document")
        } else {
            by_others
        };
        if rule.cumulative {
            out.push(updated(rule, o, rep, &where_, &supporter_locations));
            continue;
        }
        let drift = drifted(rule, o, rep, supporters.iter().map(|&i| &claims[i]));
        if drift == Drift::Explained {
            continue;
        }
        let mut f = match typo_of {
            Some(s) => {
                let mut f = finding(
                    rule,
                    o,
                    rule.severity,
                    FindingKind::Typo,
                    format!(
                        "\"{}\" is one digit edit from \"{}\", stated {}: probable typo",
                        o.quantity.text, s.quantity.digits, where_
                    ),
                );
                if !contested {
                    f.suggestion = Some(fix_digits(
                        &o.quantity.text,
                        &o.quantity.digits,
                        &s.quantity.digits,
                    ));
                }
                f
            }
            None => {
                let mut f = finding(
                    rule,
                    o,
                    rule.severity,
                    FindingKind::Conflict,
                    format!(
                        "\"{}\" {} disagrees with \"{}\" {}, stated {}",
                        o.quantity.text,
                        o.quantity.interval,
                        rep.quantity.text,
                        rep.quantity.interval,
                        where_
                    ),
                );
                if !contested {
                    f.suggestion = Some(rep.quantity.text.to_string());
                }
                f
            }
        };
        // Without a majority nobody can say which side is wrong, and where the tool paired the
        // statements by their subjects, split sources are as often two things as one thing
        // stated twice: a warning. A slip of the digits is one statement, and one of the two
        // is wrong; a rule with `subject = "none"` says its statements are about one thing.
        if contested {
            if typo_of.is_none() && rule.subject != SubjectMode::None {
                f.severity = f.severity.min(Severity::Warning);
            }
            f.message.push_str(" (no majority: sources are split)");
        }
        // A figure more than twice or less than half the consensus, and no slip of its digits,
        // is rarely the same quantity misstated ("2.0" against a magnitude "4.4", "103 million
        // euros" against "two million euros"): more often another quantity the rule matched,
        // an earlier quake, another heist. A warning, saying so.
        if typo_of.is_none() && far_apart(&o.quantity.interval, &rep.quantity.interval) {
            f.severity = f.severity.min(Severity::Warning);
            f.message
                .push_str(" (far from the other sources: it may be about something else)");
        }
        // An error says the two statements are about the same thing. Where the story named
        // several subjects and one side names none (it was placed by default), they may be
        // about two things: a warning.
        if guessed && !(named(o) && named(rep)) {
            f.severity = f.severity.min(Severity::Warning);
            f.message
                .push_str(" (one of them names no subject: it may be about something else)");
        }
        // An age one apart in reports of unknown dates: a birthday may lie between them.
        if drift == Drift::Possible && typo_of.is_none() {
            f.severity = f.severity.min(Severity::Warning);
            f.message.push_str(&format!(
                " (the reports' dates are unknown: a value that changes by {} a year may have \
                 changed between them)",
                crate::quantity::interval::fmt_num(rule.drift)
            ));
        }
        f.locations.extend(supporter_locations.iter().cloned());
        out.push(f);
    }

    // Roundings next to each other ("7.6" and "7.7", "$9.3bn" and "$9.4bn") agree as far as
    // the consensus goes: both may round the value between them. They may also be two
    // different estimates, so each is a warning, never an error or a typo.
    let mut adjacent = supporters
        .iter()
        .map(|&ci| &claims[ci])
        .filter(|s| {
            !std::ptr::eq(*s, rep)
                && s.quantity.rounded
                && rep.quantity.rounded
                && !s.quantity.interval.overlaps(&rep.quantity.interval)
        })
        .peekable();
    if adjacent.peek().is_some() && !rule.cumulative {
        for s in adjacent {
            let mut f = finding(
                rule,
                s,
                Severity::Warning.min(rule.severity),
                FindingKind::Conflict,
                format!(
                    "\"{}\" {} and \"{}\" {} in {} are roundings one step apart: the same value \
                     rounded differently, or two estimates",
                    s.quantity.text,
                    s.quantity.interval,
                    rep.quantity.text,
                    rep.quantity.interval,
                    rep.path
                ),
            );
            f.locations.push(rep.location());
            out.push(f);
        }
    }

    // Compatible but less precise than an exact statement: "nearly 15 percent" vs "14.8%".
    if let (Some(sev), Hedge::None) = (rule.approximate, rep.quantity.hedge) {
        // In a running count, "at least three" is an earlier count of the toll, not a
        // rounding of "ten".
        let others: Vec<usize> = supporters
            .iter()
            .copied()
            .filter(|&ci| !std::ptr::eq(&claims[ci], rep))
            .filter(|&ci| !(rule.cumulative && claims[ci].quantity.interval.hi.is_none()))
            .collect();
        let against = format!(
            "\"{}\" {} in {}",
            rep.quantity.text, rep.quantity.interval, rep.path
        );
        let reference = (&rep.quantity.interval, rep.quantity.text.as_str());
        for mut f in approximations(rule, claims, &others, sev, reference, &against) {
            f.locations.push(rep.location());
            out.push(f);
        }
    }
    out
}

/// A running count that disagrees with the consensus of its group: the lower of the two is an
/// earlier count, which a later report revised. Reported at note severity on the outlier,
/// pointing at the figure that superseded it (or, when the outlier is the higher count, at the
/// figures it supersedes).
fn updated(rule: &Rule, o: &Claim, rep: &Claim, where_: &str, supporters: &[Location]) -> Finding {
    let lower = match (o.quantity.interval.hi, rep.quantity.interval.lo) {
        (Some(hi), Some(lo)) => hi.value <= lo.value,
        (Some(_), None) => false,
        (None, _) => false,
    };
    let message = if lower {
        format!(
            "\"{}\" {} is lower than \"{}\" {}, stated {}: an earlier count of a running total, \
             updated since",
            o.quantity.text, o.quantity.interval, rep.quantity.text, rep.quantity.interval, where_
        )
    } else {
        format!(
            "\"{}\" {} is higher than \"{}\" {}, stated {}: a later count of a running total, \
             which supersedes theirs",
            o.quantity.text, o.quantity.interval, rep.quantity.text, rep.quantity.interval, where_
        )
    };
    let mut f = finding(rule, o, Severity::Note, FindingKind::Updated, message);
    if lower {
        f.suggestion = Some(rep.quantity.text.to_string());
    }
    f.locations.extend(supporters.iter().cloned());
    f
}

/// Approximation findings for the `agreeing` claims that are less precise than the exact
/// `reference` interval (a source's figure or a verified fact, written as `suggestion`),
/// described in messages as `against`.
fn approximations(
    rule: &Rule,
    claims: &[Claim],
    agreeing: &[usize],
    severity: Severity,
    (reference, suggestion): (&Interval, &str),
    against: &str,
) -> Vec<Finding> {
    // `approx_eq` formats numbers: decide it once per distinct interval, not once per claim.
    let mut exact: HashMap<IntervalBits, bool> = HashMap::new();
    agreeing
        .iter()
        .map(|&ci| &claims[ci])
        // Less precise than the reference: "6.0" is no approximation of "6.1".
        .filter(|s| s.quantity.interval.precision_cmp(reference) == Ordering::Greater)
        .filter(|s| {
            let iv = &s.quantity.interval;
            !*exact
                .entry(interval_bits(iv))
                .or_insert_with(|| iv.approx_eq(reference))
        })
        .map(|s| {
            let mut f = finding(
                rule,
                s,
                severity,
                FindingKind::Approximation,
                format!(
                    "\"{}\" {} agrees only approximately with {against}",
                    s.quantity.text, s.quantity.interval
                ),
            );
            f.suggestion = Some(suggestion.to_string());
            f
        })
        .collect()
}

/// Judges a group against a verified fact: every claim that contradicts it is an error citing
/// the fact, whatever the other sources say; claims that agree but are less precise than an
/// exact fact are approximations, as against an exact source.
fn judge_by_fact(rule: &Rule, claims: &[Claim], members: &[usize], fact: &Fact) -> Vec<Finding> {
    let truth = &fact.citation.interval;
    // A year range names a span and agrees only with the same span (see `compare_group`).
    let agrees = |c: &Claim| match c.quantity.unit {
        Unit::YearRange => c.quantity.interval.approx_eq(truth),
        _ => c.quantity.interval.overlaps(truth),
    };
    let (agree, disagree): (Vec<usize>, Vec<usize>) =
        members.iter().partition(|&&i| agrees(&claims[i]));
    let fact_digits: String = fact
        .citation
        .value
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let mut out = Vec::new();
    for &ci in &disagree {
        let o = &claims[ci];
        let typo = one_edit(&o.quantity.digits, &fact_digits);
        let mut f = finding(
            rule,
            o,
            Severity::Error,
            FindingKind::Fact,
            format!(
                "\"{}\" {} contradicts the verified fact \"{}\" {}{}",
                o.quantity.text,
                o.quantity.interval,
                fact.citation.value,
                truth,
                if typo { ": probable typo" } else { "" }
            ),
        );
        f.suggestion = Some(if typo {
            fix_digits(&o.quantity.text, &o.quantity.digits, &fact_digits)
        } else {
            fact.citation.value.clone()
        });
        f.locations.extend(
            agree
                .iter()
                .take(MAX_SOURCES)
                .map(|&i| claims[i].location()),
        );
        f.fact = Some(Box::new(fact.citation.clone()));
        out.push(f);
    }
    if let (Some(sev), true) = (rule.approximate, fact.exact) {
        let reference = (truth, fact.citation.value.as_str());
        let against = format!("the verified fact \"{}\"", fact.citation.value);
        for mut f in approximations(rule, claims, &agree, sev, reference, &against) {
            f.fact = Some(Box::new(fact.citation.clone()));
            out.push(f);
        }
    }
    out
}

/// Whether a rule's `drift` (how much the true value changes in a year) accounts for the gap
/// between the outlier `o` and the consensus `rep`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Drift {
    /// No: the gap is larger than the drift allows, or the reports are close in time.
    No,
    /// The reports are far enough apart in time for the value to have changed that much.
    Explained,
    /// A report is undated: it may be.
    Possible,
}

/// Reports within this many days of each other state the value at one time: an age one apart
/// in two reports of the same week is a slip, not a birthday.
const SAME_TIME_DAYS: i64 = 31;

fn drifted<'a>(
    rule: &Rule,
    o: &Claim,
    rep: &Claim,
    supporters: impl Iterator<Item = &'a Claim>,
) -> Drift {
    let gap = o.quantity.interval.distance(&rep.quantity.interval);
    if rule.drift <= 0.0 || !(gap > 0.0 && gap.is_finite()) {
        return Drift::No;
    }
    let Some(day) = o.date.and_then(day_number) else {
        return if gap <= rule.drift {
            Drift::Possible
        } else {
            Drift::No
        };
    };
    // The nearest report in time that states the consensus: the one a change must explain.
    let nearest = supporters
        .filter_map(|s| s.date.and_then(day_number))
        .map(|d| (d - day).abs())
        .min();
    match nearest {
        None if gap <= rule.drift => Drift::Possible,
        Some(days) if days > SAME_TIME_DAYS => {
            let years = (days as f64 / 365.25).ceil();
            if gap <= rule.drift * years {
                Drift::Explained
            } else {
                Drift::No
            }
        }
        _ => Drift::No,
    }
}

/// Days since 1970-01-01 of a `YYYYMMDD` date (the proleptic Gregorian calendar); `None` for a
/// code that is not a date.
fn day_number(code: i32) -> Option<i64> {
    let (y, m, d) = (
        i64::from(code / 10_000),
        i64::from(code / 100 % 100),
        i64::from(code % 100),
    );
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Are two intervals more than a factor of two apart (between their nearest ends, both on the
/// same side of zero)?
fn far_apart(a: &Interval, b: &Interval) -> bool {
    let (lo_a, hi_a) = (a.lo.map(|x| x.value), a.hi.map(|x| x.value));
    let (lo_b, hi_b) = (b.lo.map(|x| x.value), b.hi.map(|x| x.value));
    // The gap between them: the lower one's top and the higher one's bottom.
    let (low_top, high_bottom) = match (hi_a, lo_b, hi_b, lo_a) {
        (Some(ha), Some(lb), _, _) if ha <= lb => (ha, lb),
        (_, _, Some(hb), Some(la)) if hb <= la => (hb, la),
        _ => return false,
    };
    low_top > 0.0 && high_bottom > 2.0 * low_top
}

/// Is the outlier `o`, one digit edit from the supporter `s`, evidently a slip of the keys
/// rather than another figure? Short figures differ by one digit all the time (18 and 12
/// injured, magnitude 6.1 and 6.0), and a hedged figure is not a keyed one. A typo needs both
/// figures stated plainly (or as written ranges), and either three digits or more ("2003" for "2023",
/// "139" for "193"), or the same statement around them (the digits are the only difference).
fn evidenced_typo(o: &Claim, s: &Claim) -> bool {
    // A written range ("2023 to 2025") has exact ends; "about", "nearly", "over" do not.
    let plain = |c: &Claim| matches!(c.quantity.hedge, Hedge::None | Hedge::Range);
    if !plain(o) || !plain(s) {
        return false;
    }
    let significant = |d: &str| d.chars().filter(char::is_ascii_digit).count();
    if significant(&o.quantity.digits) >= 3 && significant(&s.quantity.digits) >= 3 {
        return true;
    }
    let masked = |c: &Claim| -> String {
        c.snippet
            .text
            .chars()
            .map(|ch| if ch.is_ascii_digit() { '#' } else { ch })
            .collect()
    };
    masked(o) == masked(s)
}

/// Are two digit strings one edit apart (substitution, insertion, deletion or swap of two
/// adjacent digits)?
pub fn one_edit(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() || a == b {
        return false;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    match a.len() as isize - b.len() as isize {
        0 => {
            let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
            match diff.as_slice() {
                [_] => true,
                [i, j] => *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i],
                _ => false,
            }
        }
        1 | -1 => {
            let (long, short) = if a.len() > b.len() {
                (&a, &b)
            } else {
                (&b, &a)
            };
            (0..long.len()).any(|skip| {
                long.iter()
                    .enumerate()
                    .filter(|&(i, _)| i != skip)
                    .map(|(_, c)| c)
                    .eq(short.iter())
            })
        }
        _ => false,
    }
}

/// The characters digit strings are written with: what substitutions and insertions try.
const DIGIT_ALPHABET: &str = "0123456789.";

/// Calls `f` with every string one edit from `a` in the sense of [`one_edit`] (substitution,
/// insertion, deletion, swap of two adjacent characters), substituting and inserting the
/// characters of `alphabet`: for a `b` written in that alphabet, `one_edit(a, b)` holds exactly
/// when `f` is called with `b`. A string may come more than once.
fn for_each_one_edit(a: &str, alphabet: &[char], mut f: impl FnMut(&str)) {
    let chars: Vec<char> = a.chars().collect();
    let n = chars.len();
    if n == 0 {
        return;
    }
    let mut buf = String::with_capacity(a.len() + 4);
    let mut emit = |parts: &[&[char]]| {
        buf.clear();
        buf.extend(parts.iter().flat_map(|p| p.iter()));
        f(&buf);
    };
    for i in 0..=n {
        let (head, tail) = chars.split_at(i);
        for c in alphabet {
            emit(&[head, &[*c], tail]);
        }
        if i == n {
            break;
        }
        for c in alphabet.iter().filter(|&&c| c != chars[i]) {
            emit(&[head, &[*c], &tail[1..]]);
        }
        if n > 1 {
            emit(&[head, &tail[1..]]);
        }
        if i + 1 < n && chars[i] != chars[i + 1] {
            emit(&[head, &[chars[i + 1], chars[i]], &tail[2..]]);
        }
    }
}

/// Below this many distinct digit strings among the supporters, an outlier is compared with
/// each of them; above, the strings one edit from the outlier are looked up instead. Either
/// way an outlier costs a bounded amount of work, however many supporters there are.
const TYPO_SCAN_LIMIT: usize = 16;

/// The supporters of a consensus by digit string, to find the first one a digit edit away from
/// an outlier in time independent of how many supporters there are.
struct TypoIndex<'a> {
    /// Each distinct digit string and the position of its first supporter, in that order.
    distinct: Vec<(&'a str, usize)>,
    /// The same, to look strings up.
    first: HashMap<&'a str, usize>,
    /// [`DIGIT_ALPHABET`] and any other character the supporters' digits use ("10-20").
    alphabet: Vec<char>,
}

impl<'a> TypoIndex<'a> {
    /// Indexes the supporters' digit strings, in the order of the supporters.
    fn new(digits: impl IntoIterator<Item = &'a str>) -> Self {
        let mut first = HashMap::new();
        let mut distinct = Vec::new();
        let mut alphabet: BTreeSet<char> = DIGIT_ALPHABET.chars().collect();
        for (k, d) in digits.into_iter().enumerate() {
            first.entry(d).or_insert_with(|| {
                alphabet.extend(d.chars());
                distinct.push((d, k));
                k
            });
        }
        TypoIndex {
            distinct,
            first,
            alphabet: alphabet.into_iter().collect(),
        }
    }

    /// The position of the first supporter whose digits are one edit from `digits`: what
    /// `position(|s| one_edit(digits, s))` over the supporters gives.
    fn find(&self, digits: &str) -> Option<usize> {
        if self.distinct.len() <= TYPO_SCAN_LIMIT {
            self.find_by_scan(digits)
        } else {
            self.find_by_neighbours(digits)
        }
    }

    /// [`TypoIndex::find`] comparing `digits` with each distinct supporter string in turn.
    fn find_by_scan(&self, digits: &str) -> Option<usize> {
        self.distinct
            .iter()
            .find(|(s, _)| one_edit(digits, s))
            .map(|&(_, k)| k)
    }

    /// [`TypoIndex::find`] looking up every string one edit from `digits`.
    fn find_by_neighbours(&self, digits: &str) -> Option<usize> {
        let mut found: Option<usize> = None;
        for_each_one_edit(digits, &self.alphabet, |b| {
            if let Some(&k) = self.first.get(b) {
                found = Some(found.map_or(k, |f| f.min(k)));
            }
        });
        found
    }
}

/// The outlier's text with its digits replaced by the consensus digits, keeping its hedge,
/// unit and separators: "2,100 staff" with 1200 is "1,200 staff". When the digit counts differ
/// the separators cannot be kept, and the digits as written are replaced whole.
fn fix_digits(text: &str, digits: &str, with: &str) -> String {
    if text.contains(digits) {
        return text.replacen(digits, with, 1);
    }
    // Same number of digits: substitute them one by one where they stand in the text.
    let is_digit = |c: char| c.is_ascii_digit() || c == '.';
    let written: String = text.chars().filter(|&c| is_digit(c)).collect();
    if written == digits && digits.chars().count() == with.chars().count() {
        let mut replacement = with.chars();
        return text
            .chars()
            .map(|c| {
                if is_digit(c) {
                    replacement.next().unwrap_or(c)
                } else {
                    c
                }
            })
            .collect();
    }
    with.to_string()
}

#[cfg(test)]
mod tests {
    use super::{fix_digits, for_each_one_edit, one_edit, TypoIndex, DIGIT_ALPHABET};
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    #[test]
    fn suggestions_keep_the_way_the_figure_is_written() {
        for (text, digits, with, want) in [
            ("2003", "2003", "2023", "2023"),
            ("about 139", "139", "193", "about 193"),
            ("2,100", "2100", "1200", "1,200"),
            ("US$ 1,930 million", "1930", "1390", "US$ 1,390 million"),
            ("1,9300", "19300", "1930", "1930"),
        ] {
            assert_eq!(fix_digits(text, digits, with), want, "{text}");
        }
    }

    #[test]
    fn one_edit_covers_substitution_insertion_deletion_and_swap() {
        for (a, b, want) in [
            ("2003", "2023", true),
            ("139", "193", true),
            ("193", "1933", true),
            ("1933", "193", true),
            ("14.8", "14.3", true),
            ("193", "913", true),
            ("193", "931", false),
            ("2003", "2003", false),
            ("193", "391", false),
            ("", "1", false),
        ] {
            assert_eq!(one_edit(a, b), want, "{a} vs {b}");
        }
    }

    /// Every string `for_each_one_edit` gives for `a` with `alphabet`.
    fn neighbours(a: &str, alphabet: &str) -> BTreeSet<String> {
        let alphabet: Vec<char> = alphabet.chars().collect();
        let mut out = BTreeSet::new();
        for_each_one_edit(a, &alphabet, |b| {
            out.insert(b.to_string());
        });
        out
    }

    /// `a` with one edit made at `at` (taken modulo its length): 0 substitutes `c`, 1 inserts
    /// it, 2 deletes, 3 swaps with the next character. May give `a` back.
    fn edit(a: &str, (op, at, c): (u8, usize, char)) -> String {
        let mut chars: Vec<char> = a.chars().collect();
        let n = chars.len();
        match op {
            1 => chars.insert(at % (n + 1), c),
            _ if n == 0 => {}
            0 => chars[at % n] = c,
            2 => {
                chars.remove(at % n);
            }
            _ if n > 1 => chars.swap(at % (n - 1), at % (n - 1) + 1),
            _ => {}
        }
        chars.into_iter().collect()
    }

    #[test]
    fn the_strings_one_edit_away_are_generated_exactly_over_a_small_alphabet() {
        // Every string of up to 4 characters over "01." against every one of up to 5.
        let strings = |max: usize| {
            let mut all = vec![String::new()];
            let mut last = vec![String::new()];
            for _ in 0..max {
                last = last
                    .iter()
                    .flat_map(|s| "01.".chars().map(move |c| format!("{s}{c}")))
                    .collect();
                all.extend(last.iter().cloned());
            }
            all
        };
        let bs = strings(5);
        for a in strings(4) {
            let near = neighbours(&a, "01.");
            for b in &bs {
                assert_eq!(one_edit(&a, b), near.contains(b), "{a:?} vs {b:?}");
            }
        }
    }

    fn config() -> ProptestConfig {
        ProptestConfig {
            cases: 512,
            failure_persistence: None,
            ..ProptestConfig::default()
        }
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn the_neighbours_of_a_digit_string_are_the_strings_one_edit_away(
            a in "[0-9.]{0,7}",
            b in "[0-9.]{0,7}",
            change in (0..4u8, 0..8usize, proptest::sample::select(DIGIT_ALPHABET.as_bytes())),
        ) {
            let change = (change.0, change.1, char::from(change.2));
            let near = neighbours(&a, DIGIT_ALPHABET);
            for n in &near {
                prop_assert!(one_edit(&a, n), "{:?} -> {:?}", a, n);
            }
            for b in [b, edit(&a, change)] {
                prop_assert_eq!(one_edit(&a, &b), near.contains(&b), "{:?} vs {:?}", a, b);
            }
        }

        #[test]
        fn a_typo_is_matched_to_the_first_supporter_one_edit_away(
            supporters in proptest::collection::vec("[019.-]{0,4}", 0..40),
            outliers in proptest::collection::vec("[019.x-]{0,4}", 1..6),
        ) {
            let index = TypoIndex::new(supporters.iter().map(String::as_str));
            for o in &outliers {
                let want = supporters.iter().position(|s| one_edit(o, s));
                prop_assert_eq!(index.find_by_scan(o), want, "{:?} among {:?}", o, supporters);
                prop_assert_eq!(index.find_by_neighbours(o), want, "{:?} among {:?}", o, supporters);
            }
        }
    }
}
