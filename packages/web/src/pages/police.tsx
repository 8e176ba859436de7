export function Police() { return <h1>Police</h1>; }
