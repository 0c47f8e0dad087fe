//! Entity ids. The id sequence is process-wide, so this binary holds only this test (another
//! test making ids from another clock at the same time would restart the sequence).

use shared_platform_core::{Timestamp, new_uuid_v7};

#[test]
fn more_ids_in_one_millisecond_than_the_counter_holds_stay_strictly_increasing() {
    let now = Timestamp::from_secs(1_700_000_000);
    let ids: Vec<_> = (0..10_000).map(|_| new_uuid_v7(now)).collect();
    assert!(ids.windows(2).all(|pair| pair[0] < pair[1]), "ids wrapped within one millisecond");
    let (secs, _) = ids[0].get_timestamp().unwrap().to_unix();
    assert_eq!(secs, 1_700_000_000);
    // The borrowed milliseconds end where the clock catches up: ids follow it again.
    let later = new_uuid_v7(Timestamp::from_secs(1_700_000_001));
    assert_eq!(later.get_timestamp().unwrap().to_unix(), (1_700_000_001, 0));
    assert!(later > ids[9_999]);
}
