//! Interned words: a `Sym` is a 4-byte id for a word or phrase (a head
//! stem, a name, a unit, a measure label) that reads back as the `&str` it
//! was made from. A long run keeps every tracked mention until the
//! cross-file pass; ids instead of shared strings make those records small.
//!
//! Equal strings get equal ids, so `==` and hashing compare ids; order
//! compares the strings, so a list sorted by its strings is sorted the same
//! way and `binary_search` finds the same word. Interned text lives as long
//! as the process (one copy per distinct word of the run).

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::{Mutex, OnceLock, PoisonError};

/// Slots of the first chunk; chunk `k` holds `FIRST << k` slots.
const FIRST: usize = 1024;

/// Chunks of slots, each allocated when the first id in it is given out:
/// reading an id needs no lock.
static SLOTS: [OnceLock<Box<[OnceLock<&'static str>]>>; 32] = [const { OnceLock::new() }; 32];

/// Every interned string with its id (writers only).
static IDS: Mutex<Option<HashMap<&'static str, Sym>>> = Mutex::new(None);

/// An interned string.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sym(NonZeroU32);

/// The chunk and slot of the 0-based index `i`.
fn locate(i: usize) -> (usize, usize) {
    let q = i / FIRST + 1;
    let k = (usize::BITS - 1 - q.leading_zeros()) as usize;
    (k, i - FIRST * ((1 << k) - 1))
}

impl Sym {
    /// The id of `s`, given out on first sight.
    pub fn new(s: &str) -> Sym {
        let mut ids = IDS.lock().unwrap_or_else(PoisonError::into_inner);
        let ids = ids.get_or_insert_with(HashMap::new);
        if let Some(&x) = ids.get(s) {
            return x;
        }
        let i = ids.len();
        let text: &'static str = Box::leak(Box::from(s));
        let (k, slot) = locate(i);
        let chunk = SLOTS[k].get_or_init(|| (0..FIRST << k).map(|_| OnceLock::new()).collect());
        let _ = chunk[slot].set(text);
        let id = u32::try_from(i + 1)
            .ok()
            .and_then(NonZeroU32::new)
            .unwrap_or(NonZeroU32::MAX);
        let x = Sym(id);
        ids.insert(text, x);
        x
    }

    /// The string this id was made from.
    pub fn as_str(self) -> &'static str {
        let (k, slot) = locate(self.0.get() as usize - 1);
        SLOTS[k].get().and_then(|c| c[slot].get()).copied().unwrap_or("")
    }
}

impl std::ops::Deref for Sym {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Sym {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialOrd for Sym {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Sym {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        if self.0 == other.0 {
            std::cmp::Ordering::Equal
        } else {
            self.as_str().cmp(other.as_str())
        }
    }
}

impl std::fmt::Debug for Sym {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for Sym {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Sym {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::{locate, Sym, FIRST};

    #[test]
    fn ids_read_back_compare_and_order_as_their_strings() {
        let words: Vec<String> = (0..3 * FIRST).map(|i| format!("w{i}")).collect();
        let ids: Vec<Sym> = words.iter().map(|w| Sym::new(w)).collect();
        for (w, x) in words.iter().zip(&ids) {
            assert_eq!(x.as_str(), w);
            assert_eq!(Sym::new(w), *x);
        }
        let (a, b) = (Sym::new("troop"), Sym::new("budget"));
        assert_ne!(a, b);
        assert!(b < a);
        let mut v = [a, b, Sym::new("census")];
        v.sort();
        assert_eq!(
            v.iter().map(|x| x.as_str()).collect::<Vec<_>>(),
            ["budget", "census", "troop"]
        );
        assert!(v.binary_search(&Sym::new("census")).is_ok());
    }

    #[test]
    fn slots_tile_the_ids() {
        assert_eq!(locate(0), (0, 0));
        assert_eq!(locate(FIRST - 1), (0, FIRST - 1));
        assert_eq!(locate(FIRST), (1, 0));
        assert_eq!(locate(3 * FIRST - 1), (1, 2 * FIRST - 1));
        assert_eq!(locate(3 * FIRST), (2, 0));
    }
}
